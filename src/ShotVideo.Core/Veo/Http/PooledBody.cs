using System.Buffers;
using System.Globalization;

namespace ShotVideo.Veo.Http;

/// <summary>
/// A response body read into one pooled array (returned on dispose). Operation bodies are small, except a finished
/// operation with the clip inline as base64, which has to be held whole to be parsed as JSON. Every read is capped,
/// so a broken proxy or a hostile server cannot make ShotVideo hold an unbounded body.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    /// <summary>The cap for JSON answers: start answers, polls of unfinished operations, error bodies.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>
    /// The cap for a finished operation that carries the clip inline as base64 (about 4/3 of the clip): an 8-second
    /// 1080p clip is a few MB, 4k a few tens; 64 MB leaves room without letting a body grow without bound.
    /// </summary>
    public const int InlineClipMaxBytes = 64 * 1024 * 1024;

    private byte[] _array;

    private PooledBody(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>
    /// Reads the whole body, refusing one larger than <paramref name="maxBytes"/> with <c>ShotVideoResponseTooLarge</c>:
    /// checked against Content-Length before reading when there is one, and while reading otherwise (a chunked body,
    /// or one longer than declared). Callers pass <see cref="DefaultMaxBytes"/> for JSON answers and
    /// <see cref="InlineClipMaxBytes"/> only where a finished operation may carry the clip inline.
    /// </summary>
    public static async Task<PooledBody> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength - 1);
        long? declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(maxBytes, string.Create(CultureInfo.InvariantCulture, $"declared {declared.Value:N0} bytes"));
        }

        // One byte more than the body (or the cap) so the end is seen without growing the array.
        var array = ArrayPool<byte>.Shared.Rent(declared is { } size ? (int)size + 1 : Math.Min(16 * 1024, maxBytes + 1));
        int length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(array.Length * 2L, maxBytes + 1L));
                    array.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }

                int read = await stream.ReadAsync(array.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new PooledBody(array, length);
                }

                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes, "sent more");
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    public string ToText(int maxChars = 4096) =>
        System.Text.Encoding.UTF8.GetString(_array, 0, Math.Min(Length, maxChars));

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static ShotVideoException TooLarge(int maxBytes, string what) =>
        ShotVideoErrors.ResponseTooLarge(string.Format(CultureInfo.InvariantCulture,
            "The service answered with a body larger than the {0:N0} bytes ShotVideo reads for this answer (it {1}), so it was not read.", maxBytes, what));
}
