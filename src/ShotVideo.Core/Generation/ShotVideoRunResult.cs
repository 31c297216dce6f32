namespace ShotVideo.Generation;

/// <summary>A run's outcome: one result per targeted shot, in story order, and the counts.</summary>
public sealed record ShotVideoRunResult(Guid StoryId, ShotVideoMode Mode, IReadOnlyList<ShotVideoResult> Shots)
{
    public int Generated => Count(ShotVideoStatus.Generated);

    public int SkippedExisting => Count(ShotVideoStatus.Skipped);

    public int Planned => Count(ShotVideoStatus.Planned);

    public int Filtered => Count(ShotVideoStatus.Filtered);

    public int Failed => Count(ShotVideoStatus.Failed);

    public int Claimed => Count(ShotVideoStatus.Claimed);

    public int NotStarted => Count(ShotVideoStatus.NotStarted);

    public int Total => Shots.Count;

    /// <summary>Estimated spend: generated shots (not resumed ones, paid earlier) in a real run, planned ones in a dry run.</summary>
    public decimal EstimatedCostUsd => Shots
        .Where(s => s.Status == ShotVideoStatus.Planned || (s.Status == ShotVideoStatus.Generated && !s.Resumed))
        .Sum(s => s.EstimatedCostUsd ?? 0m);

    /// <summary>The failure that stopped the run early (every shot's problem, or the first shot failure), if any.</summary>
    public ShotVideoException? StoppedBy { get; init; }

    public TimeSpan Elapsed { get; init; }

    private int Count(ShotVideoStatus status) => Shots.Count(s => s.Status == status);
}
