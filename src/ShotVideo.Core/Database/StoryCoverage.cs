using ShotVideo.Review;

namespace ShotVideo.Database;

/// <summary>How far one story's shots have come: key frames made and clips made. As read from the database, a shot
/// with a recorded clip path counts as having a clip; <see cref="Verified"/> coverage counts only whole clip files.</summary>
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

    /// <summary>Recorded clips whose file is not there; null unless the files were checked (-Verify).</summary>
    public int? MissingClips { get; init; }

    /// <summary>Recorded clips whose file is not a whole MP4; null unless the files were checked (-Verify).</summary>
    public int? BrokenClips { get; init; }

    /// <summary>
    /// This coverage with the clip files checked: shots whose recorded clip is missing or broken count as missing a
    /// video, not as done.
    /// </summary>
    internal StoryCoverage Verified(IEnumerable<ShotClipCheck> checks)
    {
        var problems = checks.Select(check => check.Problem).ToList();
        var missing = problems.Count(problem => problem == ClipFileState.Missing);
        var broken = problems.Count(problem => problem == ClipFileState.Broken);
        return this with
        {
            ShotsWithVideo = ShotsWithVideo - missing - broken,
            ShotsMissingVideo = ShotsMissingVideo + missing + broken,
            MissingClips = missing,
            BrokenClips = broken,
        };
    }
}
