using System.Buffers;

namespace ShotVideo.Veo.Http;

/// <summary>
/// A response body read into one pooled array (returned on dispose). Operation bodies are small, except a finished
/// operation with the clip inline as base64, which has to be held whole to be parsed as JSON.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _array;

    private PooledBody(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public static async Task<PooledBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        var array = ArrayPool<byte>.Shared.Rent(declared is > 0 and < int.MaxValue ? (int)declared + 1 : 16 * 1024);
        int length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(array.Length * 2));
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
}
