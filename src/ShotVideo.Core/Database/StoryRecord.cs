namespace ShotVideo.Database;

/// <summary>A story with the one document ShotVideo needs from it.</summary>
/// <param name="VisualDesignDocumentJson">The <c>visual_design_document</c> jsonb as the server returns it; null when the
/// visual design step has not run.</param>
public sealed record StoryRecord(Guid Id, string DisplayName, string? VisualDesignDocumentJson);
