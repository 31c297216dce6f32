using ShotVideo.Veo;

namespace ShotVideo.Takes;

/// <summary>
/// One clip of a shot kept on disk: the current one (take 0, at the shot's <c>shot-&lt;n&gt;.mp4</c>) or an earlier one
/// (take 1 and up, under the scenelet's <c>takes/</c> folder), with what its ledger attempt recorded about it.
/// </summary>
/// <param name="Take">0 for the current clip; the number in the file name for an earlier one.</param>
/// <param name="VideoFilePath">The file relative to <c>public/</c>, with forward slashes, as the database stores it
/// (named as on shots and results; not <c>Path</c>, which Invoke-Item would bind and resolve from the current folder).</param>
/// <param name="FullPath">The file on this machine.</param>
/// <param name="CreatedAt">When its attempt recorded it; for a file no attempt records, when it was last written.</param>
/// <param name="Bytes">Its size on disk.</param>
public sealed record ShotTake(ShotKey Key, int Take, string VideoFilePath, string FullPath, DateTimeOffset CreatedAt, long Bytes)
{
    public Guid StoryId => Key.StoryId;

    public string SceneletId => Key.SceneletId;

    public int ShotIndex => Key.ShotIndex;

    /// <summary>The story's display name, for headers; null when the shot was read without it.</summary>
    public string? StoryName { get; init; }

    /// <summary>True for the clip at the shot's current path, the one <c>shots.video_file_path</c> names.</summary>
    public bool IsCurrent => Take == 0;

    /// <summary>The ledger attempt that produced the file; null for a file no attempt records (a crash between rename
    /// and record, a file put there by hand, or a clip made before takes were kept).</summary>
    public Guid? JobId { get; init; }

    /// <summary>The clip's length as its attempt recorded it.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>What its attempt's start request cost.</summary>
    public decimal? CostUsd { get; init; }

    public VideoBackend? Backend { get; init; }

    public string? Model { get; init; }

    /// <summary>SHA-256 of the prompt its start request sent, when the ledger kept it.</summary>
    public string? PromptSha256 { get; init; }

    public override string ToString() => IsCurrent ? $"{Key}: current clip" : $"{Key}: take {Take}";
}
