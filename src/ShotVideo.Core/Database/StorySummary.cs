namespace ShotVideo.Database;

/// <summary>A story's id and name, for completion and listings.</summary>
public sealed record StorySummary(Guid Id, string DisplayName);
