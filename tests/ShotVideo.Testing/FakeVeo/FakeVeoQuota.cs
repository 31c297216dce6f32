using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// A start quota like Google's per-minute quotas: at most <see cref="AcceptedPerWindow"/> start requests are accepted in
/// each fixed window of <see cref="Window"/>, counted from the first start request; beyond it a start is answered 429
/// RESOURCE_EXHAUSTED without Retry-After (and, only when <see cref="SendRetryInfo"/>, with a google.rpc.RetryInfo
/// naming the rest of the window). Refused starts do not count. Set it as <see cref="FakeVeoService.Quota"/>.
/// </summary>
public sealed class FakeVeoQuota
{
    private readonly Lock _lock = new();
    private readonly List<FakeVeoQuotaDecision> _decisions = [];
    private long? _origin;
    private long _window = -1;
    private int _acceptedInWindow;

    public FakeVeoQuota(int acceptedPerWindow, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(acceptedPerWindow);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        AcceptedPerWindow = acceptedPerWindow;
        Window = window;
    }

    public int AcceptedPerWindow { get; }

    public TimeSpan Window { get; }

    public bool SendRetryInfo { get; init; }

    public int Accepted => Count(accepted: true);

    public int Refused => Count(accepted: false);

    /// <summary>Every start request the quota judged, in arrival order.</summary>
    public IReadOnlyList<FakeVeoQuotaDecision> Decisions
    {
        get
        {
            lock (_lock)
            {
                return [.. _decisions];
            }
        }
    }

    /// <summary>Answers 429 when <paramref name="service"/> has a quota and it is used up; true when it did.</summary>
    internal static Task<bool> RefuseStartAsync(HttpContext context, FakeVeoService service) =>
        service.Quota is { } quota ? quota.RefuseAsync(context) : Task.FromResult(false);

    private async Task<bool> RefuseAsync(HttpContext context)
    {
        TimeSpan rest;
        lock (_lock)
        {
            long now = Stopwatch.GetTimestamp();
            _origin ??= now;
            var since = Stopwatch.GetElapsedTime(_origin.Value, now);
            long window = since.Ticks / Window.Ticks;
            if (window != _window)
            {
                _window = window;
                _acceptedInWindow = 0;
            }

            bool accepted = _acceptedInWindow < AcceptedPerWindow;
            if (accepted)
            {
                _acceptedInWindow++;
            }

            _decisions.Add(new FakeVeoQuotaDecision(since, window, accepted));
            if (accepted)
            {
                return false;
            }

            rest = TimeSpan.FromTicks(((window + 1) * Window.Ticks) - since.Ticks);
        }

        object[] details = SendRetryInfo
            ? [new Dictionary<string, object> { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = $"{Math.Ceiling(rest.TotalSeconds):0}s" }]
            : [];
        var body = new
        {
            error = new
            {
                code = 429,
                message = "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model. Please submit a quota increase request.",
                status = "RESOURCE_EXHAUSTED",
                details,
            },
        };
        context.Response.StatusCode = 429;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private int Count(bool accepted)
    {
        lock (_lock)
        {
            return _decisions.Count(d => d.Accepted == accepted);
        }
    }
}

/// <summary>One start request as the quota judged it: when it arrived after the first one, in which window, and the verdict.</summary>
public sealed record FakeVeoQuotaDecision(TimeSpan SinceFirst, long Window, bool Accepted);
