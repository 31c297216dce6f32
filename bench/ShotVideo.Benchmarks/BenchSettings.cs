namespace ShotVideo.Benchmarks;

/// <summary>Sizes of each scenario: the figures, or smaller ones for a quick look (<c>--quick</c>).</summary>
internal sealed record BenchSettings(
    int ThrottleShots,
    TimeSpan ThrottleLatency,
    int OverheadShots,
    IReadOnlyList<int> MemoryClipCounts,
    IReadOnlyList<long> MemoryClipBytes,
    int WorkerShots,
    TimeSpan WorkerLatency,
    int QuotaShots)
{
    /// <summary>Every scenario polls this often: the ideal wall time ignores it, so a run can exceed the ideal by up to one interval per shot in a row.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public const int Workers = 4;

    public const int WorkerThrottle = 4;

    public const int MemoryThrottle = 4;

    public static BenchSettings Full { get; } = new(48, TimeSpan.FromSeconds(2), 1000, [4, 16], [1L << 20, 20L << 20], 64, TimeSpan.FromSeconds(2), 60);

    public static BenchSettings Quick { get; } = new(16, TimeSpan.FromSeconds(1), 200, [4, 8], [1L << 20, 20L << 20], 32, TimeSpan.FromSeconds(1), 30);
}
