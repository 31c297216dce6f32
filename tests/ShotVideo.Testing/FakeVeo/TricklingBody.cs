using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// Replaces a response body for <see cref="FakeVeoFault.SlowBody"/>: the headers go out with the handler's first
/// write, the body is held and, once the handler is done, sent in pieces spread evenly over the fault's time (by the
/// fake's middleware, before the response completes). Held in memory, so meant for the small bodies tests use.
/// </summary>
internal sealed class TricklingBody : Stream
{
    private const int Pieces = 20;
    private static readonly object ItemKey = new();
    private readonly Stream _inner;
    private readonly TimeSpan _over;
    private readonly MemoryStream _held = new();
    private bool _headersSent;

    private TricklingBody(Stream inner, TimeSpan over)
    {
        _inner = inner;
        _over = over;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Puts a trickling body in place of the response's.</summary>
    public static void Install(HttpContext context, TimeSpan over)
    {
        var body = new TricklingBody(context.Response.Body, over);
        context.Response.Body = body;
        context.Items[ItemKey] = body;
    }

    /// <summary>Sends what the handler wrote, if a trickling body was installed for this request.</summary>
    public static Task DrainAsync(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var item) && item is TricklingBody body ? body.DrainAsync(context.RequestAborted) : Task.CompletedTask;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeadersAsync(cancellationToken).ConfigureAwait(false);
        _held.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => SendHeadersAsync(cancellationToken);

    // Kestrel refuses synchronous I/O, and so does this stream.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task SendHeadersAsync(CancellationToken cancellationToken)
    {
        if (!_headersSent)
        {
            _headersSent = true;
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await SendHeadersAsync(cancellationToken).ConfigureAwait(false);
        var bytes = _held.GetBuffer().AsMemory(0, (int)_held.Length);
        int piece = Math.Max(1, (bytes.Length + Pieces - 1) / Pieces);
        var pause = _over / Math.Max(1, (bytes.Length + piece - 1) / piece);
        for (int offset = 0; offset < bytes.Length; offset += piece)
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            await _inner.WriteAsync(bytes.Slice(offset, Math.Min(piece, bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
