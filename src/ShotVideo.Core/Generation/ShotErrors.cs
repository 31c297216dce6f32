using ShotVideo.Database;

namespace ShotVideo.Generation;

/// <summary>Makes every per-shot failure name its story, scenelet and shot.</summary>
internal static class ShotErrors
{
    public static ShotVideoException ForShot(Exception exception, ShotRecord shot)
    {
        if (exception is ShotVideoException { SceneletId: not null, ShotIndex: not null } named)
        {
            return named;
        }

        var prefix = $"{Describe(shot)}: ";
        return exception is ShotVideoException known
            ? new ShotVideoException(known.ErrorId, known.Kind, prefix + known.Message, known.InnerException ?? known)
            {
                AffectsEveryShot = known.AffectsEveryShot,
                StoryId = shot.StoryId,
                SceneletId = shot.SceneletId,
                ShotIndex = shot.ShotIndex,
            }
            : new ShotVideoException("ShotVideoShotFailed", ShotVideoErrorKind.OperationFailed, prefix + exception.Message, exception)
            {
                StoryId = shot.StoryId,
                SceneletId = shot.SceneletId,
                ShotIndex = shot.ShotIndex,
            };
    }

    /// <summary>How a message that starts with the shot names it.</summary>
    public static string Describe(ShotRecord shot) => $"Story {shot.StoryId}, scenelet {shot.SceneletId}, shot {shot.ShotIndex}";
}
