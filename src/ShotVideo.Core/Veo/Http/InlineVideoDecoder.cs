using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ShotVideo.Veo.Http;

/// <summary>
/// Writes a clip that arrived inline as a base64 JSON string (Vertex <c>bytesBase64Encoded</c>, Gemini
/// <c>encodedVideo</c>) to a stream. System.Text.Json cannot hand out one string token in pieces, so the body is held
/// whole (about 4/3 of the clip); but the string is not copied into a .NET string or a decoded byte array: its UTF-8
/// bytes are decoded in 48 KB pieces straight into the destination. Only an escaped string (e.g. <c>\/</c>) is first
/// unescaped into one pooled buffer of its own size.
/// </summary>
internal static class InlineVideoDecoder
{
    private const int ChunkChars = 64 * 1024; // a multiple of 4, so every piece but the last decodes without carry-over

    /// <summary>Decodes the first string value of <paramref name="propertyName"/> in <paramref name="json"/>; returns the byte count written.</summary>
    public static async Task<long> WriteAsync(ReadOnlyMemory<byte> json, string propertyName, Stream destination, CancellationToken cancellationToken)
    {
        var (start, length, unescaped) = Locate(json.Span, propertyName);
        try
        {
            var base64 = unescaped is null ? json.Slice(start, length) : unescaped.AsMemory(0, length);
            var decoded = ArrayPool<byte>.Shared.Rent(ChunkChars / 4 * 3);
            try
            {
                long written = 0;
                for (int offset = 0; offset < base64.Length; offset += ChunkChars)
                {
                    var piece = base64.Slice(offset, Math.Min(ChunkChars, base64.Length - offset));
                    var status = Base64.DecodeFromUtf8(piece.Span, decoded, out _, out int bytes, isFinalBlock: offset + piece.Length == base64.Length);
                    if (status != OperationStatus.Done)
                    {
                        throw new FormatException($"invalid base64 ({status})");
                    }

                    await destination.WriteAsync(decoded.AsMemory(0, bytes), cancellationToken).ConfigureAwait(false);
                    written += bytes;
                }

                return written;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(decoded);
            }
        }
        finally
        {
            if (unescaped is not null)
            {
                ArrayPool<byte>.Shared.Return(unescaped);
            }
        }
    }

    private static (int Start, int Length, byte[]? Unescaped) Locate(ReadOnlySpan<byte> json, string propertyName)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(propertyName))
            {
                continue;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                break;
            }

            if (!reader.ValueIsEscaped)
            {
                // TokenStartIndex is the opening quote within the whole input.
                return ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
            int length = reader.CopyString(buffer);
            return (0, length, buffer);
        }

        throw new FormatException($"no string property '{propertyName}'");
    }
}
