using ShotVideo.Generation;
using ShotVideo.Veo;

namespace ShotVideo.Planning;

/// <summary>
/// A story's run, decided before anything is spent: one <see cref="ShotPlan"/> per targeted shot, in story order,
/// from one read of the story, its shots and the ledger.
/// </summary>
public sealed class RunPlan
{
    internal RunPlan(Guid storyId, string storyName, ShotVideoMode mode, VideoBackend? backend, string? model, DateTimeOffset plannedAt,
        IReadOnlyList<ShotPlan> shots, IReadOnlyList<string> warnings)
    {
        StoryId = storyId;
        StoryName = storyName;
        Mode = mode;
        Backend = backend;
        Model = model;
        PlannedAt = plannedAt;
        Shots = shots;
        Warnings = warnings;
    }

    public Guid StoryId { get; }

    public string StoryName { get; }

    public ShotVideoMode Mode { get; }

    /// <summary>The backend and model the plan was priced for; null for a preview without a backend.</summary>
    public VideoBackend? Backend { get; }

    public string? Model { get; }

    /// <summary>When the ledger was read, by the database's clock: an Override run keeps clips other runs record after this.</summary>
    public DateTimeOffset PlannedAt { get; }

    public IReadOnlyList<ShotPlan> Shots { get; }

    /// <summary>About the story as a whole (e.g. its design document lacks a visual style).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The estimated new spend of every shot the plan would start (resumes cost nothing).</summary>
    public decimal EstimatedCostUsd => Shots.Sum(shot => shot.EstimatedCostUsd ?? 0m);

    public int Count(ShotDecision decision) => Shots.Count(shot => shot.Decision == decision);

    public override string ToString() =>
        $"{StoryName}: {Count(ShotDecision.Generate)} to generate, {Count(ShotDecision.Resume)} to resume, {Count(ShotDecision.Skip)} skipped, "
        + $"{Count(ShotDecision.Claimed)} claimed, {Count(ShotDecision.Refused)} refused";
}
