using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>Every request the fake service received, in arrival order; safe to read while requests arrive.</summary>
public sealed class FakeVeoRequestLog
{
    private readonly ConcurrentQueue<FakeVeoRequest> _requests = new();
    private int _startCount;

    /// <summary>Start requests received, whatever was answered (the number of possibly billed attempts).</summary>
    public int StartCount => Volatile.Read(ref _startCount);

    public IReadOnlyList<FakeVeoRequest> All => [.. _requests];

    public IReadOnlyList<FakeVeoRequest> Of(FakeVeoEndpoint endpoint) => _requests.Where(r => r.Endpoint == endpoint).ToList();

    internal async Task<FakeVeoRequest> RecordAsync(HttpContext context, FakeVeoEndpoint endpoint, string backend)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);

        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var entry = new FakeVeoRequest(endpoint, backend, request.Method, request.Host.ToString(),
            request.Path.ToUriComponent() + request.QueryString.ToUriComponent(), headers, body, DateTimeOffset.UtcNow);
        if (endpoint == FakeVeoEndpoint.Start)
        {
            Interlocked.Increment(ref _startCount);
        }

        _requests.Enqueue(entry);
        return entry;
    }

    public void Clear() => _requests.Clear();
}
