namespace ShotVideo.Database;

/// <summary>Which shots of a story a query targets: all, one scenelet's, or one shot.</summary>
internal readonly record struct ShotScope(Guid StoryId, string? SceneletId, int? ShotIndex)
{
    /// <summary>Checks the filters before any SQL runs: a shot index is 1-based.</summary>
    public ShotScope Validated() =>
        ShotIndex is < 1 ? throw ShotVideoErrors.InvalidShotIndex(StoryId, SceneletId, ShotIndex.Value) : this;
}
