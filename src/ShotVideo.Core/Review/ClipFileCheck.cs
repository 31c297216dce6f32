using ShotVideo.Database;
using ShotVideo.Veo;

namespace ShotVideo.Review;

/// <summary>What a recorded clip path holds on disk.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ClipFileState>))]
public enum ClipFileState
{
    /// <summary>The file is there and is a whole MP4 with a video track.</summary>
    Whole,

    /// <summary>No file is there (deleted, moved, or another machine's public folder).</summary>
    Missing,

    /// <summary>A file is there but it is not a whole MP4 (cut short, or not a video at all).</summary>
    Broken,
}

/// <summary>What a recorded clip path holds on disk: whether the file is there and whole, its size and its length.</summary>
/// <param name="Detail">Why a broken clip is broken, as a clause (e.g. "the file ends 4,000 bytes into its 'mdat' box").</param>
internal sealed record ClipFileFacts(ClipFileState State, long? Bytes, TimeSpan? Duration, string? Detail = null);

/// <summary>
/// Checks recorded clip files. A clip can be gone (deleted, a different machine's public folder) or cut short (a copy
/// that stopped), and ShotVideo must say so instead of trusting the recorded path: the review page would show a player
/// that never starts, coverage would count the shot as done and a Resume run would skip it.
/// </summary>
internal static class ClipFileCheck
{
    /// <summary>Inspects the clip at <paramref name="clip"/> under <paramref name="publicRoot"/>, with the same checks a downloaded clip passes.</summary>
    public static ClipFileFacts Inspect(string publicRoot, PublicPath clip)
    {
        var file = new FileInfo(clip.Under(publicRoot));
        if (!file.Exists)
        {
            return new ClipFileFacts(ClipFileState.Missing, null, null);
        }

        try
        {
            using var stream = file.OpenRead();
            var inspection = Mp4Inspector.Examine(stream, stream.Length);
            return inspection.IsUsable
                ? new ClipFileFacts(ClipFileState.Whole, file.Length, inspection.Facts.Duration)
                : new ClipFileFacts(ClipFileState.Broken, file.Length, null, inspection.Reason);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A clip nobody can read is no clip either; one unreadable file must not stop the check of the others.
            return new ClipFileFacts(ClipFileState.Broken, file.Length, null, $"it cannot be read ({exception.Message})");
        }
    }

    /// <summary>Checks the clip <paramref name="shot"/> records (<c>video_file_path</c>), if it records one.</summary>
    public static ShotClipCheck Check(string publicRoot, ShotRecord shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (string.IsNullOrWhiteSpace(shot.VideoFilePath))
        {
            return Of(shot, null, null, null);
        }

        PublicPath path;
        try
        {
            path = PublicPath.FromPublic(shot.VideoFilePath, $"clip of {shot.Key}");
        }
        catch (ShotVideoException unsafePath)
        {
            // A path that would leave public/ is never followed, so there is no clip ShotVideo could use there.
            return Of(shot, shot.VideoFilePath, null, new ClipFileFacts(ClipFileState.Broken, null, null, unsafePath.Reason));
        }

        return Of(shot, shot.VideoFilePath, path.Under(publicRoot), Inspect(publicRoot, path));
    }

    private static ShotClipCheck Of(ShotRecord shot, string? recordedPath, string? fullPath, ClipFileFacts? facts) =>
        new(shot.Key, recordedPath, fullPath, facts?.State, facts?.Detail, facts?.Bytes, facts?.Duration) { StoryName = shot.StoryName };

    /// <summary><paramref name="coverage"/> with its story's recorded clip files checked under <paramref name="publicRoot"/>.</summary>
    public static async Task<StoryCoverage> VerifyAsync(StoryDatabase database, string publicRoot, StoryCoverage coverage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(coverage);
        var shots = await database.Shots.ListShotsAsync(coverage.StoryId, null, null, cancellationToken).ConfigureAwait(false);
        return coverage.Verified(shots.Select(shot => Check(publicRoot, shot)));
    }

    /// <summary>How messages name a recorded clip's problem, e.g. "missing" or "broken (it is empty)".</summary>
    public static string Describe(ShotClipCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Problem == ClipFileState.Broken ? $"broken ({check.Detail})" : "missing";
    }
}
