using ShotVideo.Database;

namespace ShotVideo.Generation;

/// <summary>Finds the shots a run targets and refuses requests that make no sense before anything is spent.</summary>
internal static class ShotTargeting
{
    public static async Task<IReadOnlyList<ShotRecord>> SelectAsync(StoryDatabase database, Guid storyId, ShotVideoOptions options, CancellationToken cancellationToken)
    {
        var shots = await database.Shots.ListShotsAsync(storyId, options.SceneletId, options.ShotIndex, cancellationToken).ConfigureAwait(false);
        if (options.Shots is { } wanted)
        {
            var keys = wanted.ToHashSet();
            var missing = keys.Except(shots.Select(s => (s.SceneletId, s.ShotIndex))).ToList();
            if (missing.Count > 0)
            {
                throw NotFound(storyId, $"has no {string.Join(", ", missing.Select(k => $"scenelet {k.SceneletId} shot {k.ShotIndex}"))}");
            }

            shots = shots.Where(s => keys.Contains((s.SceneletId, s.ShotIndex))).ToList();
        }
        else if (shots.Count == 0 && (options.SceneletId is not null || options.ShotIndex is not null))
        {
            throw NotFound(storyId, $"has no shot{(options.ShotIndex is null ? "s" : $" {options.ShotIndex}")}{(options.SceneletId is null ? string.Empty : $" in scenelet {options.SceneletId}")}");
        }

        if (options.EffectiveMode == ShotVideoMode.Default)
        {
            if (shots.Count == 0)
            {
                throw new ShotVideoException(
                    "ShotVideoNoShots",
                    ShotVideoErrorKind.ObjectNotFound,
                    $"Story {storyId} has no storyboard shots; run the storyboard step first.")
                {
                    StoryId = storyId,
                };
            }

            var withClips = shots.Where(s => !string.IsNullOrWhiteSpace(s.VideoFilePath)).ToList();
            if (withClips.Count > 0)
            {
                throw new ShotVideoException(
                    "ShotVideoClipsExist",
                    ShotVideoErrorKind.InvalidArgument,
                    $"Story {storyId}: {withClips.Count} targeted shot(s) already have a clip: "
                    + string.Join(", ", withClips.Select(s => $"scenelet {s.SceneletId} shot {s.ShotIndex} ({s.VideoFilePath})"))
                    + ". Use -Mode Resume to skip them or -Mode Override to generate them again.")
                {
                    StoryId = storyId,
                };
            }
        }

        return shots;
    }

    private static ShotVideoException NotFound(Guid storyId, string what) =>
        new("ShotVideoShotNotFound", ShotVideoErrorKind.ObjectNotFound, $"Story {storyId} {what}.") { StoryId = storyId };
}
