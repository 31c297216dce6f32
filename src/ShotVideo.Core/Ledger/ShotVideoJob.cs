using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Ledger;

/// <summary>One row of the job ledger (<c>shot_video_jobs</c>): a generation attempt for one shot.</summary>
/// <param name="ClaimedBy">The run holding a live attempt; null once released (e.g. after Ctrl+C) so any run may resume it.</param>
/// <param name="CostUsd">What the attempt's start request cost (its estimate when Veo accepted it); null when nothing was started.</param>
public sealed record ShotVideoJob(
    Guid Id,
    Guid StoryId,
    string SceneletId,
    int ShotIndex,
    VideoBackend Backend,
    string Model,
    ShotVideoJobState State,
    string? OperationName,
    string? ClaimedBy,
    DateTimeOffset ClaimedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ErrorText,
    string? ClipPath,
    decimal? CostUsd)
{
    public ShotKey Key => new(StoryId, SceneletId, ShotIndex);

    public bool IsLive => State is ShotVideoJobState.Claimed or ShotVideoJobState.Started;

    /// <summary>The machine and process that holds the claim, when it is held.</summary>
    internal LedgerWorker.Holder? Holder { get; init; }

    /// <summary>
    /// When the start request was handed to the network; null while the claim waits for its turn (the quota). A live
    /// attempt with neither this nor an operation name never reached Google, so a later run may start the shot anew.
    /// </summary>
    public DateTimeOffset? SendingAt { get; init; }

    /// <summary>A live attempt whose start request may have created a job nobody can name: never sent again.</summary>
    public bool StartUnanswered => IsLive && OperationName is null && SendingAt is not null;

    /// <summary>The size of the clip the attempt stored; null until it stored one.</summary>
    public long? ClipBytes { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the clip the attempt stored: it names the file wherever takes move it. Null
    /// until it stored one, and for attempts recorded before ShotVideo kept it.</summary>
    public string? ClipSha256 { get; init; }

    /// <summary>The length of the clip the attempt stored, as its MP4 header gives it; null until it stored one.</summary>
    public TimeSpan? ClipDuration { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the prompt the attempt's start request sent; null for attempts that sent none
    /// or were recorded before ShotVideo kept it.</summary>
    public string? PromptSha256 { get; init; }

    /// <summary>The exact prompt text the attempt's start request sent; null for attempts that sent none or were
    /// recorded before ShotVideo kept it.</summary>
    public string? PromptText { get; init; }

    /// <summary>The reference images the plan considered for that request (those sent, in order, then those not
    /// sent, with why), each with the SHA-256 of its bytes; null when <see cref="PromptText"/> is.</summary>
    public IReadOnlyList<PlannedReference>? References { get; init; }

    /// <summary>What the start request sent, when the ledger kept it.</summary>
    internal SentRequest? Sent => PromptText is null ? null : new SentRequest(PromptText, References ?? []);

    /// <summary>When Remove-ShotVideoTake deleted the attempt's clip (<see cref="ClipPath"/> is empty from then on).</summary>
    public DateTimeOffset? ClipRemovedAt { get; init; }

    public override string ToString() => $"{Key}: {State}";
}
