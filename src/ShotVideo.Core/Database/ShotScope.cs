namespace ShotVideo.Database;

/// <summary>Which shots of a story a query targets: all, one scenelet's, or one shot.</summary>
internal readonly record struct ShotScope(Guid StoryId, string? SceneletId, int? ShotIndex)
{
    /// <summary>Checks the filters before any SQL runs: a shot index is 1-based.</summary>
    public ShotScope Validated()
    {
        if (ShotIndex is < 1)
        {
            throw new ShotVideoException(
                "ShotVideoInvalidShotIndex",
                ShotVideoErrorKind.InvalidArgument,
                $"Shot index {ShotIndex} is not valid for story {StoryId}{(SceneletId is null ? string.Empty : $", scenelet {SceneletId}")}: shot indexes start at 1.")
            {
                StoryId = StoryId,
                SceneletId = SceneletId,
                ShotIndex = ShotIndex,
            };
        }

        return this;
    }
}
