namespace ShotVideo.Database;

/// <summary>A story to insert (fixtures and tests); a null id lets the database choose one.</summary>
public sealed record NewStory(string DisplayName, string InitialPrompt, string? VisualDesignDocumentJson, Guid? Id = null);
