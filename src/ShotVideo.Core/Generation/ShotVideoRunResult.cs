namespace ShotVideo.Generation;

/// <summary>A run's outcome: one result per planned shot, in story order, and the counts.</summary>
public sealed record ShotVideoRunResult(Guid StoryId, string StoryName, ShotVideoMode Mode, IReadOnlyList<ShotVideoResult> Shots)
{
    public int Generated => Count(ShotVideoStatus.Generated);

    public int Skipped => Count(ShotVideoStatus.Skipped);

    public int Filtered => Count(ShotVideoStatus.Filtered);

    public int Failed => Count(ShotVideoStatus.Failed);

    public int Refused => Count(ShotVideoStatus.Refused);

    /// <summary>Shots left to other live runs.</summary>
    public int Claimed => Count(ShotVideoStatus.Claimed);

    public int NotStarted => Count(ShotVideoStatus.NotStarted);

    /// <summary>Shots the run was stopped before or while they ran (Ctrl+C, SIGTERM).</summary>
    public int Stopped => Count(ShotVideoStatus.Stopped);

    /// <summary>The run was stopped before every approved shot finished; <see cref="ResumeCommand"/> goes on with it.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The command that finishes what this run left: resumes paid operations at no cost, skips recorded clips.</summary>
    public string ResumeCommand => $"Invoke-ShotVideo -StoryId {StoryId} -Mode Resume";

    public int Total => Shots.Count;

    /// <summary>What the run spent: the estimates of the start requests Veo accepted (resumes are free).</summary>
    public decimal SpentUsd => Shots.Sum(shot => shot.CostUsd);

    /// <summary>The failure that stopped the run early (every shot's problem, or the first shot failure), if any.</summary>
    public ShotVideoException? StoppedBy { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The one-line summary a run ends with.</summary>
    public override string ToString() =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{StoryName}: {Generated} generated, {Skipped} skipped, {Filtered} filtered, {Failed} failed, {Refused} refused, {Claimed} left to other runs, "
            + $"{NotStarted} not started{(Stopped > 0 ? $", {Stopped} stopped" : "")} of {Total}; ${SpentUsd:0.00} spent in {Elapsed:hh\\:mm\\:ss}.");

    private int Count(ShotVideoStatus status) => Shots.Count(s => s.Status == status);
}
