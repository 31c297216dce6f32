using ShotVideo.Review;

namespace ShotVideo.Database;

/// <summary>One row of <c>public.shots</c>, every column.</summary>
/// <param name="StoryboardPayloadJson">The <c>storyboard_payload</c> jsonb exactly as the server returns it.</param>
/// <param name="VideoFilePath">Null while the shot has no clip (the column is NULL).</param>
public sealed record ShotRecord(
    Guid Id,
    Guid StoryId,
    Guid SceneletRef,
    string SceneletId,
    int SceneletSequence,
    int ShotIndex,
    string StoryboardPayloadJson,
    string? KeyFrameImagePath,
    string? AudioFilePath,
    string? VideoFilePath,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The story's display name, read with the shot by the shot queries (views group by it); null where a
    /// query returns the shot row alone (e.g. after an update).</summary>
    public string? StoryName { get; init; }

    /// <summary>What the recorded clip holds on disk, when the file was checked (Get-Shot -Verify); null when it was
    /// not checked or the shot records no clip.</summary>
    public ClipFileState? ClipState { get; init; }

    /// <summary>The recorded clip on this machine (so <c>Invoke-Item</c> opens it), filled in by whoever knows the
    /// <c>public/</c> folder (Get-Shot); null when no clip is recorded or no folder was given.</summary>
    public string? FullPath { get; init; }

    /// <summary>The shot's identity.</summary>
    public ShotKey Key => new(StoryId, SceneletId, ShotIndex);

    /// <summary>The shot's readable name (the record's every column is a long read).</summary>
    public override string ToString() => Key.ToString();
}
