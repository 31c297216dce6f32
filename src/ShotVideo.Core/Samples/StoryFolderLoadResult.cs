namespace ShotVideo.Samples;

/// <summary>The loaded story's id, and whether this load created it (false: it was already in the database).</summary>
public sealed record StoryFolderLoadResult(Guid StoryId, bool Created);
