using System.Text;

namespace ShotVideo.Tests.References;

/// <summary>Small files that are PNG or JPEG by their first bytes, written where a test needs them.</summary>
internal static class TestImages
{
    // A PNG's signature and the header of its first chunk, IHDR, as every PNG starts.
    private static readonly byte[] PngStart =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    // A JPEG's start-of-image marker and the start of a JFIF APP0 segment.
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];

    /// <summary>PNG bytes ending in <paramref name="marker"/>, which <see cref="MarkerOf"/> reads back.</summary>
    public static byte[] Png(string marker) => [.. PngStart, .. Encoding.ASCII.GetBytes(marker)];

    /// <summary>JPEG bytes ending in <paramref name="marker"/>.</summary>
    public static byte[] Jpeg(string marker) => [.. JpegStart, .. Encoding.ASCII.GetBytes(marker)];

    /// <summary>The marker an image made here carries, telling which file was loaded.</summary>
    public static string MarkerOf(byte[] image) =>
        Encoding.ASCII.GetString(image.AsSpan(image[0] == 0x89 ? PngStart.Length : JpegStart.Length));

    /// <summary>Writes <paramref name="bytes"/> to <c>&lt;publicRoot&gt;/generated/&lt;relativePath&gt;</c>.</summary>
    public static string Write(string publicRoot, string relativePath, byte[] bytes)
    {
        var path = Path.Combine(publicRoot, "generated", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
