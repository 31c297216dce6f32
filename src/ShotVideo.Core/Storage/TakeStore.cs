using System.Globalization;

namespace ShotVideo.Storage;

/// <summary>
/// The files of a shot's takes: the current clip at <c>shots/&lt;scenelet-id&gt;/shot-&lt;n&gt;.mp4</c> and earlier
/// ones at <c>shots/&lt;scenelet-id&gt;/takes/shot-&lt;n&gt;-take-&lt;k&gt;.mp4</c>. Files only move by rename inside
/// the scenelet's folder (one file system, so each move is atomic) and never over another file: a paid clip is never
/// overwritten.
/// </summary>
internal sealed class TakeStore
{
    private const string TakesFolder = "takes";

    private readonly ClipStore _clips;

    public TakeStore(ClipStore clips) => _clips = clips;

    /// <summary>One clip file of a shot: take 0 is the current clip, 1 and up are earlier ones.</summary>
    public sealed record TakeFile(int Take, ClipLocation Location, long Bytes, DateTimeOffset WrittenAt);

    /// <summary>Where take <paramref name="take"/> (1 and up) of the shot whose current clip is <paramref name="current"/> lives.</summary>
    public static ClipLocation Locate(ClipLocation current, int take)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        var name = $"{Path.GetFileNameWithoutExtension(current.AbsolutePath)}-take-{take.ToString(CultureInfo.InvariantCulture)}.mp4";
        var relativeFolder = current.RelativePath[..current.RelativePath.LastIndexOf('/')];
        return new ClipLocation(
            $"{relativeFolder}/{TakesFolder}/{name}",
            Path.Combine(Path.GetDirectoryName(current.AbsolutePath)!, TakesFolder, name));
    }

    /// <summary>The shot's clip files on disk: the current one (when there is one) first, then the takes by number.</summary>
    public IReadOnlyList<TakeFile> List(ShotKey shot)
    {
        var current = _clips.Locate(shot);
        var files = new List<TakeFile>();
        var currentFile = new FileInfo(current.AbsolutePath);
        if (currentFile.Exists)
        {
            files.Add(new TakeFile(0, current, currentFile.Length, currentFile.LastWriteTimeUtc));
        }

        var folder = new DirectoryInfo(Path.Combine(Path.GetDirectoryName(current.AbsolutePath)!, TakesFolder));
        if (folder.Exists)
        {
            var taken = NumberedTakes(folder, current).OrderBy(pair => pair.Take);
            files.AddRange(taken.Select(pair => new TakeFile(pair.Take, Locate(current, pair.Take), pair.File.Length, pair.File.LastWriteTimeUtc)));
        }

        return files;
    }

    /// <summary>
    /// Moves the clip at <paramref name="current"/>, if there is one, to the next free take number, before a new clip is
    /// renamed into its place. This keeps a file nobody recorded too (a crash between rename and record, or one put
    /// there by hand). Returns where it went; null when there was no clip.
    /// </summary>
    public ClipLocation? KeepCurrent(ClipLocation current)
    {
        if (!File.Exists(current.AbsolutePath))
        {
            return null;
        }

        var folder = new DirectoryInfo(Path.Combine(Path.GetDirectoryName(current.AbsolutePath)!, TakesFolder));
        folder.Create();
        var next = NumberedTakes(folder, current).Select(pair => pair.Take).DefaultIfEmpty(0).Max() + 1;
        while (true)
        {
            var take = Locate(current, next);
            try
            {
                File.Move(current.AbsolutePath, take.AbsolutePath, overwrite: false);
                return take;
            }
            catch (IOException) when (File.Exists(take.AbsolutePath) && File.Exists(current.AbsolutePath))
            {
                // Someone else took the number between the listing and the move: try the next one.
                next++;
            }
        }
    }

    /// <summary>Renames take <paramref name="take"/> to the current path, which must be free; never replaces a file.</summary>
    public static void MakeCurrent(ClipLocation take, ClipLocation current) =>
        File.Move(take.AbsolutePath, current.AbsolutePath, overwrite: false);

    /// <summary>The takes folder's files of this shot (<c>shot-&lt;n&gt;-take-&lt;k&gt;.mp4</c>); other files are left alone.</summary>
    private static IEnumerable<(int Take, FileInfo File)> NumberedTakes(DirectoryInfo folder, ClipLocation current)
    {
        var prefix = Path.GetFileNameWithoutExtension(current.AbsolutePath) + "-take-";
        foreach (var file in folder.EnumerateFiles(prefix + "*.mp4"))
        {
            var number = file.Name.AsSpan(prefix.Length, file.Name.Length - prefix.Length - ".mp4".Length);
            // Digits only, no leading zero: "take-01" would be a second name for take 1.
            if (number.Length is > 0 and < 10 && number[0] != '0' && !number.ContainsAnyExceptInRange('0', '9')
                && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var take))
            {
                yield return (take, file);
            }
        }
    }
}
