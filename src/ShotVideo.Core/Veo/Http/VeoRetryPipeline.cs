using System.Net;
using System.Net.Http;
using Polly;
using Polly.Retry;

namespace ShotVideo.Veo.Http;

/// <summary>
/// Polly retry pipelines for Veo requests. Polls and downloads are idempotent and retried on every transient failure.
/// The start request creates a billed job, so it is retried only when the server surely did not accept it:
/// a 503 carrying Google's own error body (the API itself answered UNAVAILABLE,
/// which it sends before accepting work), or a connection that could not be established (DNS, refused, TLS), where
/// no request byte reached the server. A timeout, a dropped connection, or a bare 500/502/503/504/408 (possibly from a
/// proxy after the API accepted the job) is never retried for the start request. A 429 on the start request is not
/// retried here either: it comes back as <see cref="VideoStartRefused"/> for the shared start pacer, which knows when
/// the quota allows the next one.
/// </summary>
internal sealed class VeoRetryPipeline
{
    private static readonly ResiliencePropertyKey<IVideoGenerationObserver?> ObserverKey = new("ShotVideo.Veo.Observer");
    private readonly ResiliencePipeline _start;
    private readonly ResiliencePipeline _idempotent;

    public VeoRetryPipeline(VeoRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || options.MaxAttempts <= 1)
        {
            _start = _idempotent = ResiliencePipeline.Empty;
            return;
        }

        _start = Build(options, VeoStep.Start);
        _idempotent = Build(options, VeoStep.Poll);
    }

    public async ValueTask<T> ExecuteAsync<T>(VeoStep step, IVideoGenerationObserver? observer, Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(step.ToString().ToLowerInvariant(), cancellationToken);
        context.Properties.Set(ObserverKey, observer);
        try
        {
            var pipeline = step == VeoStep.Start ? _start : _idempotent;
            return await pipeline.ExecuteAsync(static (ctx, act) => act(ctx.CancellationToken), context, action).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>True when a connection failed before any request byte could have been sent.</summary>
    public static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    /// <summary>True for failures worth retrying at <paramref name="step"/>.</summary>
    public static bool IsTransient(Exception exception, VeoStep step, CancellationToken cancellationToken)
    {
        if (step == VeoStep.Start)
        {
            return exception switch
            {
                VeoTransientStatusException { Status: HttpStatusCode.ServiceUnavailable, Error: not null } => true,
                _ => IsConnectFailure(exception),
            };
        }

        return exception switch
        {
            VeoTransientStatusException or HttpRequestException or IOException => true,
            // HttpClient's own request timeout, not the caller's cancellation or the overall deadline.
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            _ => false,
        };
    }

    private static ResiliencePipeline Build(VeoRetryOptions options, VeoStep step) =>
        new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxAttempts - 1,
            Delay = options.FirstDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } ex && IsTransient(ex, step, args.Context.CancellationToken) && !WaitsTooLong(ex, options.MaxRetryAfter)),
            // Honour the server's Retry-After (seconds or a date) instead of our own backoff when it gives one.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is VeoTransientStatusException { RetryAfter: { } after } ? after : (TimeSpan?)null),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(ObserverKey, out var observer) && observer is not null)
                {
                    // AttemptNumber counts from 0: the attempt that just failed is number AttemptNumber + 1.
                    observer.Retrying(args.Context.OperationKey ?? "request", args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome.Exception));
                }

                return default;
            },
        }).Build();

    /// <summary>True when the server asked for a wait longer than the cap: not retried, so the claim is not held for it.</summary>
    public static bool WaitsTooLong(Exception exception, TimeSpan cap) =>
        exception is VeoTransientStatusException { RetryAfter: { } after } && after > cap;

    /// <summary>A short, secret-free reason for logs.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        VeoTransientStatusException status => $"HTTP {(int)status.Status} {status.Error?.Status ?? status.Status.ToString()}",
        HttpRequestException http => $"connection failed ({http.HttpRequestError})",
        IOException => "the connection broke off",
        OperationCanceledException => "the request timed out",
        null => "unknown",
        _ => exception.GetType().Name,
    };
}
