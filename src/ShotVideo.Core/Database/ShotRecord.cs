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
    /// <summary>How errors and logs name the shot: story, scenelet and shot.</summary>
    public string DisplayName => $"story {StoryId}, scenelet {SceneletId}, shot {ShotIndex}";
}
