namespace ShotVideo.Database;

/// <summary>How far one story's shots have come: key frames made and clips made.</summary>
public sealed record StoryCoverage(
    Guid StoryId,
    string DisplayName,
    int TotalShots,
    int ShotsWithKeyFrame,
    int ShotsWithVideo,
    int ShotsMissingVideo)
{
    /// <summary>Share of shots with a clip, 0–100; 0 for a story without shots.</summary>
    public double PercentDone => TotalShots == 0 ? 0 : Math.Round(100.0 * ShotsWithVideo / TotalShots, 1);
}
