namespace ShotVideo.Database;

/// <summary>A shot row to insert (fixtures and tests); <see cref="VideoFilePath"/> null leaves the column NULL.</summary>
public sealed record NewShot(
    Guid StoryId,
    Guid SceneletRef,
    string SceneletId,
    int SceneletSequence,
    int ShotIndex,
    string StoryboardPayloadJson,
    string? KeyFrameImagePath = null,
    string? AudioFilePath = null,
    string? VideoFilePath = null);
