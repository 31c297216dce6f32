namespace ShotVideo;

/// <summary>
/// A failure ShotVideo can explain: a message saying what happened and what to do, a PascalCase error id
/// (e.g. <c>ShotVideoMissingReferencedDesigns</c>) and, when it concerns one shot, which one.
/// </summary>
public class ShotVideoException : Exception
{
    public ShotVideoException(string errorId, ShotVideoErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    /// <summary>PascalCase id that scripts can match on; stable across releases.</summary>
    public string ErrorId { get; }

    public ShotVideoErrorKind Kind { get; }

    /// <summary>True when the failure will hit every shot of a run (credentials, model, quota, database), not just this one.</summary>
    public bool AffectsEveryShot { get; init; }

    public Guid? StoryId { get; init; }

    public string? SceneletId { get; init; }

    public int? ShotIndex { get; init; }
}
