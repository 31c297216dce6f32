namespace ShotVideo.Database;

/// <summary>One row of the job ledger (<c>shot_video_jobs</c>): a generation attempt for one shot.</summary>
/// <param name="ClaimedBy">The worker holding a live attempt; null once released (e.g. after Ctrl+C) so any run may resume it.</param>
public sealed record ShotVideoJob(
    Guid Id,
    Guid StoryId,
    string SceneletId,
    int ShotIndex,
    string Backend,
    string Model,
    ShotVideoJobState State,
    string? OperationName,
    string? ClaimedBy,
    DateTimeOffset ClaimedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ErrorText,
    string? ClipPath)
{
    public bool IsLive => State is ShotVideoJobState.Claimed or ShotVideoJobState.Started;
}
