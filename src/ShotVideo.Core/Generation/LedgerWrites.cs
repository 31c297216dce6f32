using Polly;
using Polly.Retry;

namespace ShotVideo.Generation;

/// <summary>
/// Retries the database writes that follow money being spent (operation name, clip path, settlement) across a short
/// database outage, so a paid job is not forgotten because a connection dropped at the wrong moment.
/// </summary>
internal static class LedgerWrites
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ShotVideoException>(ex => ex.Kind == ShotVideoErrorKind.ConnectionError),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write) =>
        Pipeline.ExecuteAsync(async token => await write(token).ConfigureAwait(false), CancellationToken.None).AsTask();
}
