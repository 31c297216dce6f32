using System.Buffers.Binary;
using ShotVideo.Veo;

namespace ShotVideo.Review;

/// <summary>What a recorded clip path holds on disk: whether the file is there and whole, its size and its length.</summary>
/// <param name="Status"><see cref="ReviewShotStatus.Generated"/> for a whole MP4, else <see cref="ReviewShotStatus.Missing"/>
/// or <see cref="ReviewShotStatus.Broken"/>.</param>
internal sealed record ClipFileFacts(ReviewShotStatus Status, long? Bytes, TimeSpan? Duration);

/// <summary>
/// Checks a recorded clip file for the review page. A clip can be gone (deleted, a different machine's public folder)
/// or cut short (a copy that stopped), and the page must say so instead of showing a player that never starts.
/// </summary>
internal static class ClipFileCheck
{
    /// <summary>Inspects the clip at <paramref name="clip"/> under <paramref name="publicRoot"/>.</summary>
    public static ClipFileFacts Inspect(string publicRoot, PublicPath clip)
    {
        var file = new FileInfo(clip.Under(publicRoot));
        if (!file.Exists)
        {
            return new ClipFileFacts(ReviewShotStatus.Missing, null, null);
        }

        using var stream = file.OpenRead();
        if (!BoxesFillFile(stream))
        {
            return new ClipFileFacts(ReviewShotStatus.Broken, file.Length, null);
        }

        stream.Position = 0;
        try
        {
            return new ClipFileFacts(ReviewShotStatus.Generated, file.Length, Mp4Inspector.Inspect(stream, clip.Value).Duration);
        }
        catch (ShotVideoException exception) when (exception.ErrorId == "ShotVideoNotMp4")
        {
            return new ClipFileFacts(ReviewShotStatus.Broken, file.Length, null);
        }
    }

    /// <summary>
    /// Whether the file's top-level boxes (ISO/IEC 14496-12: a 32-bit big-endian size, a type, and a 64-bit size when
    /// the first is 1) end exactly at the end of the file. A clip cut short ends inside its last box.
    /// </summary>
    private static bool BoxesFillFile(Stream stream)
    {
        var length = stream.Length;
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        while (position < length)
        {
            if (length - position < 8)
            {
                return false;
            }

            stream.Position = position;
            stream.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (size == 0)
            {
                // The last box runs to the end of the file.
                return true;
            }

            if (size == 1)
            {
                if (length - position < 16)
                {
                    return false;
                }

                stream.ReadExactly(header[8..]);
                var large = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                size = large > (ulong)long.MaxValue ? -1 : (long)large;
            }

            if (size < 8 || size > length - position)
            {
                return false;
            }

            position += size;
        }

        return length > 0;
    }
}
