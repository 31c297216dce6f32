using System.Security.Cryptography;
using ShotVideo.Review;

namespace ShotVideo.Storage;

/// <summary>Writes shot clips under <c>public/generated/&lt;story-id&gt;/shots/&lt;scenelet-id&gt;/</c>.</summary>
internal sealed class ClipStore
{
    private readonly AssetRoot root;

    public ClipStore(string publicRoot)
    {
        root = new AssetRoot(publicRoot);
        Takes = new TakeStore(this);
    }

    /// <summary>The shots' earlier clips, kept beside the current ones.</summary>
    public TakeStore Takes { get; }

    /// <summary>The SHA-256 (lowercase hex) of a clip's bytes, from where <paramref name="clip"/> stands to its end: the
    /// ledger keeps it (<c>clip_sha256</c>) to know the file wherever takes move it.</summary>
    public static string Sha256(Stream clip) => Convert.ToHexString(SHA256.HashData(clip)).ToLowerInvariant();

    /// <summary>
    /// The file on this machine of a path recorded relative to <c>public/</c> (<c>shots.video_file_path</c>), for people
    /// to open; null when nothing is recorded or the recorded path could leave <c>public/</c>.
    /// </summary>
    public string? FullPath(string? recordedPath)
    {
        if (string.IsNullOrWhiteSpace(recordedPath))
        {
            return null;
        }

        try
        {
            return PublicPath.FromPublic(recordedPath, "recorded clip").Under(root.PublicRoot);
        }
        catch (ShotVideoException)
        {
            return null;
        }
    }

    /// <summary>
    /// The clip's paths, computed without touching the disk (dry runs report them). Throws <c>ShotVideoUnsafePath</c>
    /// when the scenelet id could leave the folder.
    /// </summary>
    public ClipLocation Locate(ShotKey shot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shot.ShotIndex, 1);
        AssetRoot.CheckSegment(shot.SceneletId, "scenelet id", shot.StoryId, shot);
        var story = shot.StoryId.ToString("D");
        var file = $"shot-{shot.ShotIndex}.mp4";
        return new ClipLocation(
            $"generated/{story}/shots/{shot.SceneletId}/{file}",
            Path.Combine(root.GeneratedRoot, story, "shots", shot.SceneletId, file));
    }

    /// <summary>
    /// Starts writing the clip to a temporary file beside its final place (creating folders). Nothing appears under
    /// the final name until <see cref="PendingClip.CommitAsync"/>; disposing without committing deletes the temporary file.
    /// </summary>
    public PendingClip Open(ClipLocation location)
    {
        var folder = Path.GetDirectoryName(location.AbsolutePath)!;
        Directory.CreateDirectory(folder);
        DeleteLeftovers(folder, Path.GetFileName(location.AbsolutePath));
        // Same folder as the target so the final rename never crosses file systems and stays atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(location.AbsolutePath)}.{Guid.NewGuid():N}.partial");
        return new PendingClip(location, temporary, Takes);
    }

    /// <summary>
    /// Removes temporary files of this clip left by a process that was killed while writing it. The caller holds the
    /// shot's ledger claim, so no live run is writing one; a file still open elsewhere is left alone.
    /// </summary>
    private static void DeleteLeftovers(string folder, string fileName)
    {
        foreach (var leftover in Directory.EnumerateFiles(folder, $".{fileName}.*.partial"))
        {
            try
            {
                File.Delete(leftover);
            }
            catch (IOException)
            {
                // In use (Windows) or already gone: not this run's file to worry about.
            }
        }
    }
}
