namespace ShotVideo.Pacing;

/// <summary>The bucket in this process only: for runs without a shared database, and for tests of the arithmetic.</summary>
internal sealed class LocalStartSlotStore(TimeProvider time) : IStartSlotStore
{
    private readonly Dictionary<string, StartBucket> _buckets = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public Task<PacingReading> TakeAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken) =>
        Task.FromResult(With(quotaKey, bucket => bucket.Take(time.GetUtcNow(), parameters)));

    public Task<PacingReading> AcceptAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken) =>
        Task.FromResult(With(quotaKey, bucket => bucket.Accept(time.GetUtcNow(), parameters)));

    public Task<PacingReading> RefuseAsync(
        string quotaKey, PacingParameters parameters, DateTimeOffset grantedAt, TimeSpan? serverRetryDelay, CancellationToken cancellationToken) =>
        Task.FromResult(With(quotaKey, bucket => bucket.Refuse(time.GetUtcNow(), grantedAt, serverRetryDelay, parameters)));

    private PacingReading With(string quotaKey, Func<StartBucket, PacingReading> step)
    {
        lock (_lock)
        {
            if (!_buckets.TryGetValue(quotaKey, out var bucket))
            {
                bucket = new StartBucket();
                _buckets.Add(quotaKey, bucket);
            }

            return step(bucket);
        }
    }
}
