namespace ShotVideo.Database;

/// <summary>A scenelet row to insert (fixtures and tests); shots point at it through <c>scenelet_ref</c>.</summary>
public sealed record NewScenelet(Guid StoryId, string ContentJson, Guid? ParentId = null, Guid? Id = null, string? ChoiceLabelFromParent = null);
