using System.Text;
using ShotVideo.Veo.Http;

namespace ShotVideo.Tests.Veo;

public sealed class InlineVideoDecoderTests
{
    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7919 % 251))];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(49_151)]
    [InlineData(200_003)]
    public async Task Decodes_across_piece_boundaries(int size)
    {
        var clip = Bytes(size);
        var json = Encoding.UTF8.GetBytes($"{{\"name\":\"x\",\"response\":{{\"videos\":[{{\"bytesBase64Encoded\":\"{Convert.ToBase64String(clip)}\",\"mimeType\":\"video/mp4\"}}]}}}}");
        using var destination = new MemoryStream();

        long written = await InlineVideoDecoder.WriteAsync(json, "bytesBase64Encoded", destination, CancellationToken.None);

        Assert.Equal(size, written);
        Assert.Equal(clip, destination.ToArray());
    }

    [Fact]
    public async Task Unescapes_a_string_with_JSON_escapes_first()
    {
        var clip = Bytes(100_000);
        // Some serializers write '/' as \/ and '+' as \u002B; both are legal JSON for the same string.
        string escaped = Convert.ToBase64String(clip).Replace("/", "\\/").Replace("+", "\\u002B");
        var json = Encoding.UTF8.GetBytes($"{{\"video\":{{\"encodedVideo\":\"{escaped}\"}}}}");
        using var destination = new MemoryStream();

        await InlineVideoDecoder.WriteAsync(json, "encodedVideo", destination, CancellationToken.None);

        Assert.Equal(clip, destination.ToArray());
    }

    [Fact]
    public async Task Invalid_base64_is_a_format_error()
    {
        var json = Encoding.UTF8.GetBytes("{\"encodedVideo\":\"not base64!\"}");
        await Assert.ThrowsAsync<FormatException>(() => InlineVideoDecoder.WriteAsync(json, "encodedVideo", new MemoryStream(), CancellationToken.None));
    }
}
