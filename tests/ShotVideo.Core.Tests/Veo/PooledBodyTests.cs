using System.Text;
using System.Text.Json.Nodes;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo.Http;

namespace ShotVideo.Tests.Veo;

/// <summary>JSON answers are read up to a cap, against the fake's oversized poll answers over real HTTP.</summary>
public sealed class PooledBodyTests : IAsyncLifetime
{
    private const int Size = 2 * 1024 * 1024 + 17;
    private FakeVeoService _fake = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    /// <summary>Polls a fresh Gemini operation whose poll answer is <paramref name="bytes"/> bytes of JSON.</summary>
    private async Task<HttpResponseMessage> LargePollAsync(int bytes, bool declaresLength)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.GeminiBaseUrl, "models/veo-3.1-generate-preview:predictLongRunning"))
        {
            Content = new StringContent("""{"instances":[{"prompt":"a lighthouse"}],"parameters":{"durationSeconds":8}}""", Encoding.UTF8, "application/json"),
        };
        start.Headers.Add("x-goog-api-key", _fake.Options.ApiKey);
        using var started = await _http.SendAsync(start);
        string name = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["name"]!;

        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.LargeBody(bytes, declaresLength));
        var poll = new HttpRequestMessage(HttpMethod.Get, new Uri(_fake.GeminiBaseUrl, name));
        poll.Headers.Add("x-goog-api-key", _fake.Options.ApiKey);
        return await _http.SendAsync(poll, HttpCompletionOption.ResponseHeadersRead);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_JSON_answer_over_the_cap_is_refused(bool declaresLength)
    {
        using var response = await LargePollAsync(Size, declaresLength);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => PooledBody.ReadAsync(response.Content, PooledBody.DefaultMaxBytes, CancellationToken.None));

        Assert.Equal("ShotVideoResponseTooLarge", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidData, error.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_inline_clip_cap_reads_a_large_answer_whole(bool declaresLength)
    {
        using var response = await LargePollAsync(Size, declaresLength);

        using var body = await PooledBody.ReadAsync(response.Content, PooledBody.InlineClipMaxBytes, CancellationToken.None);

        Assert.Equal(Size, body.Length);
        Assert.False((bool)JsonNode.Parse(body.Memory.Span.ToArray())!["done"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_cap_is_read_and_one_byte_more_is_not(bool declaresLength)
    {
        const int cap = 100_000;
        using (var response = await LargePollAsync(cap, declaresLength))
        using (var body = await PooledBody.ReadAsync(response.Content, cap, CancellationToken.None))
        {
            Assert.Equal(cap, body.Length);
        }

        using var over = await LargePollAsync(cap + 1, declaresLength);
        var error = await Assert.ThrowsAsync<ShotVideoException>(() => PooledBody.ReadAsync(over.Content, cap, CancellationToken.None));
        Assert.Equal("ShotVideoResponseTooLarge", error.ErrorId);
    }

    [Fact]
    public async Task A_small_answer_reads_as_before()
    {
        using var content = new StringContent("""{"name":"models/m/operations/1"}""");

        using var body = await PooledBody.ReadAsync(content, PooledBody.DefaultMaxBytes, CancellationToken.None);

        Assert.Equal("""{"name":"models/m/operations/1"}""", body.ToText());
    }
}
