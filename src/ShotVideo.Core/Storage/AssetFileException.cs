namespace ShotVideo.Storage;

/// <summary>
/// Why <see cref="SafeAssetFile"/> refused or failed to read a file: the <see cref="Problem"/> and a clause saying what is
/// wrong with the file (e.g. "is a named pipe (FIFO), not a regular file"). Not a <see cref="ShotVideoException"/>
/// itself: the caller knows the shot and turns it into one that names the shot.
/// </summary>
internal sealed class AssetFileException(AssetFileProblem problem, string detail, long size = 0, Exception? innerException = null)
    : Exception(detail, innerException)
{
    public AssetFileProblem Problem { get; } = problem;

    /// <summary>The file's size, for <see cref="AssetFileProblem.TooLarge"/>.</summary>
    public long Size { get; } = size;

    /// <summary>The clause for the message, starting with a verb: "is a named pipe (FIFO), not a regular file".</summary>
    public string Detail => Message;
}

/// <summary>What is wrong with an asset file.</summary>
internal enum AssetFileProblem
{
    Missing,
    Unreadable,
    TooLarge,

    /// <summary>Outside the asset folder once links are resolved, or not a regular file.</summary>
    Unsafe,
}
