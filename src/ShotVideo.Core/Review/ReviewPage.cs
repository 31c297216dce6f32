using ShotVideo.References;

namespace ShotVideo.Review;

/// <summary>
/// Everything the review page of one story shows, already read from the database, the ledger and the disk, so that
/// rendering is a pure function of this value and can be tested without any of them.
/// </summary>
/// <param name="StoryName">The story's display name (user text).</param>
/// <param name="TotalSpendUsd">What the ledger says the story's attempts cost in all.</param>
/// <param name="GeneratedAt">When the data was read; shown so a reader knows how fresh the page is.</param>
/// <param name="Scenelets">The story's scenelets; the page shows them by <see cref="ReviewScenelet.Sequence"/>.</param>
internal sealed record ReviewPage(
    Guid StoryId,
    string StoryName,
    decimal TotalSpendUsd,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReviewScenelet> Scenelets)
{
    /// <summary>Every shot of the story.</summary>
    public int TotalShots => Scenelets.Sum(scenelet => scenelet.Shots.Count);

    /// <summary>Shots with a key frame path.</summary>
    public int ShotsWithKeyFrame => Scenelets.Sum(scenelet => scenelet.Shots.Count(shot => shot.KeyFrame is not null));

    /// <summary>Shots whose current clip can be played: a recorded clip that is missing or broken does not count.</summary>
    public int ShotsWithClip => Scenelets.Sum(scenelet => scenelet.Shots.Count(shot => shot.PlayableClip is not null));

    /// <summary>Shots whose recorded clip is missing or broken on disk.</summary>
    public int ShotsWithLostClip => Scenelets.Sum(scenelet => scenelet.Shots.Count(shot => shot.Status is ReviewShotStatus.Missing or ReviewShotStatus.Broken));

    /// <summary>Share of shots with a playable clip, 0–100, rounded to one decimal; 0 for a story without shots.</summary>
    public double PercentDone => TotalShots == 0 ? 0 : Math.Round(100.0 * ShotsWithClip / TotalShots, 1);
}

/// <summary>One scenelet of the story and its shots.</summary>
/// <param name="SceneletId">The human id used in paths, e.g. <c>scenelet-1</c> (model output, so treated as user text).</param>
/// <param name="Sequence">Its place in the story, from 1.</param>
/// <param name="Shots">Its shots; the page shows them by <see cref="ReviewShot.ShotIndex"/>.</param>
internal sealed record ReviewScenelet(string SceneletId, int Sequence, IReadOnlyList<ReviewShot> Shots);

/// <summary>One shot: what it should look like, what was sent to the model, and what came back.</summary>
/// <param name="ShotIndex">1-based order inside the scenelet.</param>
/// <param name="Status">Where the shot stands; <see cref="ReviewShotStatus"/> says which fields go with which value.</param>
/// <param name="StatusReason">Why the last attempt was filtered or failed, as the service or ShotVideo said it.</param>
/// <param name="KeyFrame">The key frame image, or null before the key-frame step has run.</param>
/// <param name="CurrentClip">The clip recorded in <c>shots.video_file_path</c>; for <see cref="ReviewShotStatus.Missing"/> and
/// <see cref="ReviewShotStatus.Broken"/> it carries the recorded path only.</param>
/// <param name="References">The reference images sent for the current take (or, with no clip, the last attempt), in the
/// order they were sent; what a new take would send when <see cref="RequestRecorded"/> is false.</param>
/// <param name="CostUsd">What the ledger says this shot's attempts cost in all.</param>
/// <param name="Attempts">How many attempts the ledger holds for this shot.</param>
/// <param name="PromptText">The prompt sent for the current take (or, with no clip, the last attempt), shown as it was
/// sent; what a new take would send when <see cref="RequestRecorded"/> is false.</param>
/// <param name="EarlierTakes">Clips of earlier takes still on disk, oldest first.</param>
/// <param name="Caption">A line saying what the shot should show (e.g. framing and composition from the storyboard).</param>
internal sealed record ReviewShot(
    int ShotIndex,
    ReviewShotStatus Status,
    string? StatusReason,
    PublicPath? KeyFrame,
    ReviewClip? CurrentClip,
    IReadOnlyList<ReviewReference> References,
    decimal CostUsd,
    int Attempts,
    string? PromptText,
    IReadOnlyList<ReviewClip> EarlierTakes,
    string? Caption = null)
{
    /// <summary>
    /// The clip a viewer can play: the current clip unless its file is missing or broken. A shot whose last attempt was
    /// filtered or failed still plays the clip an earlier attempt left.
    /// </summary>
    public ReviewClip? PlayableClip => Status is ReviewShotStatus.Missing or ReviewShotStatus.Broken ? null : CurrentClip;

    /// <summary>Whether <see cref="PromptText"/> and <see cref="References"/> are what the ledger recorded as sent.</summary>
    public bool RequestRecorded { get; init; }

    /// <summary>The storyboard, design or an image changed since that request: a new take would send something else.</summary>
    public bool ChangedSinceSent { get; init; }
}

/// <summary>A clip file and what is known about it.</summary>
/// <param name="Path">Where it is, relative to <c>public/</c>.</param>
/// <param name="Bytes">Its size on disk, when it was there to measure.</param>
/// <param name="Duration">Its length as the MP4 says, when it could be read.</param>
/// <param name="CostUsd">What the attempt that made it cost, when the ledger knows.</param>
/// <param name="Model">The model that made it, e.g. <c>veo-3.1-generate-preview</c>.</param>
/// <param name="CreatedAt">When it was made.</param>
internal sealed record ReviewClip(
    PublicPath Path,
    long? Bytes = null,
    TimeSpan? Duration = null,
    decimal? CostUsd = null,
    string? Model = null,
    DateTimeOffset? CreatedAt = null)
{
    /// <summary>An earlier take made from another prompt or other references than the request the shot shows.</summary>
    public bool OtherRequest { get; init; }
}

/// <summary>A reference image sent with the shot's current take.</summary>
/// <param name="SourceId">The character or environment id, or <c>&lt;scenelet-id&gt;#&lt;shot-index&gt;</c> for a key frame.</param>
internal sealed record ReviewReference(ReferenceImageKind Kind, string SourceId, PublicPath Path);

/// <summary>Where a shot stands, as the page shows it.</summary>
internal enum ReviewShotStatus
{
    /// <summary>No clip recorded and no attempt that ended badly.</summary>
    NoClip,

    /// <summary>The current clip is on disk and is a whole MP4.</summary>
    Generated,

    /// <summary>The last attempt was blocked by the service's safety filter (<see cref="ReviewShot.StatusReason"/> says why).</summary>
    Filtered,

    /// <summary>The last attempt failed (<see cref="ReviewShot.StatusReason"/> says why).</summary>
    Failed,

    /// <summary>A clip path is recorded but no file is there.</summary>
    Missing,

    /// <summary>A clip path is recorded but the file is not a whole MP4 (cut short, or not a video).</summary>
    Broken,
}
