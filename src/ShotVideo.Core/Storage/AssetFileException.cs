namespace ShotVideo.Storage;

/// <summary>
/// Why <see cref="SafeAssetFile"/> refused or failed to read a file: an error id (<c>ShotVideoReferenceImageUnsafe</c>,
/// <c>…TooLarge</c>, <c>…Missing</c>, <c>…Unreadable</c>), its kind and a clause saying what is wrong with the file
/// (e.g. "is a named pipe (FIFO), not a regular file"). Not a <see cref="ShotVideoException"/> itself: the caller knows
/// the shot and turns it into one that names the shot.
/// </summary>
internal sealed class AssetFileException : Exception
{
    public AssetFileException(string errorId, ShotVideoErrorKind kind, string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public string ErrorId { get; }

    public ShotVideoErrorKind Kind { get; }

    /// <summary>The clause for the message, starting with a verb: "does not exist; run the step that makes it".</summary>
    public string Problem => Message;
}
