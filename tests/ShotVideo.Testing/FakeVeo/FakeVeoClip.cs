using System.Buffers.Binary;
using ShotVideo.Veo;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// The bytes a fake operation serves. Large clips are produced while being written (the stub clip followed by an MP4
/// <c>free</c> box of zeros, still a valid MP4), so a benchmark's 20 MB clips never sit in the fake's memory.
/// </summary>
public sealed class FakeVeoClip
{
    private static readonly Lazy<byte[]> StubBytes = new(() => File.ReadAllBytes(StubClipLocator.Find()));
    private readonly byte[] _head;
    private readonly long _padding;

    private FakeVeoClip(byte[] head, long padding)
    {
        _head = head;
        _padding = padding;
    }

    /// <summary>fixtures/videos/stub-shot.mp4.</summary>
    public static FakeVeoClip StubShot => new(StubBytes.Value, 0);

    /// <summary>Exactly these bytes (e.g. an HTML page to test a non-MP4 answer).</summary>
    public static FakeVeoClip FromBytes(byte[] bytes) => new(bytes ?? throw new ArgumentNullException(nameof(bytes)), 0);

    /// <summary>A valid MP4 of exactly <paramref name="totalBytes"/> bytes: the stub clip padded with a <c>free</c> box.</summary>
    public static FakeVeoClip Padded(long totalBytes)
    {
        long padding = totalBytes - StubBytes.Value.Length;
        if (padding < 8 || padding > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), $"A padded clip needs at least {StubBytes.Value.Length + 8} bytes and less than 4 GB.");
        }

        return new FakeVeoClip(StubBytes.Value, padding);
    }

    public long Length => _head.Length + _padding;

    /// <summary>Writes the clip; with <paramref name="stopAfter"/> only that many bytes.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken, long stopAfter = long.MaxValue)
    {
        long left = Math.Min(stopAfter, Length);
        int headPart = (int)Math.Min(left, _head.Length);
        await destination.WriteAsync(_head.AsMemory(0, headPart), cancellationToken).ConfigureAwait(false);
        left -= headPart;
        if (_padding == 0 || left <= 0)
        {
            return;
        }

        var chunk = new byte[64 * 1024];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)_padding);
        "free"u8.CopyTo(chunk.AsSpan(4));
        long paddingLeft = _padding;
        bool first = true;
        while (paddingLeft > 0 && left > 0)
        {
            int size = (int)Math.Min(Math.Min(chunk.Length, paddingLeft), left);
            await destination.WriteAsync(chunk.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            if (first)
            {
                chunk.AsSpan(0, 8).Clear();
                first = false;
            }

            paddingLeft -= size;
            left -= size;
        }
    }
}
