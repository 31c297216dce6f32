namespace ShotVideo;

/// <summary>
/// A failure ShotVideo can explain: a PascalCase error id (e.g. <c>ShotVideoMissingReferencedDesigns</c>), the cause,
/// which shot or story it concerns, and what to do next. Every one is made by a factory of <see cref="ShotVideoErrors"/>.
/// </summary>
public sealed class ShotVideoException : Exception
{
    internal ShotVideoException(string errorId, ShotVideoErrorKind kind, string reason, ShotKey? shot, Guid? storyId, Exception? innerException)
        : base(shot is { } key ? $"{key}: {reason}" : reason, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
        Reason = reason;
        Shot = shot;
        StoryId = shot?.StoryId ?? storyId;
    }

    /// <summary>PascalCase id that scripts can match on; stable across releases.</summary>
    public string ErrorId { get; }

    public ShotVideoErrorKind Kind { get; }

    /// <summary>The cause alone, without the shot's name (the message starts with the name when there is a shot).</summary>
    public string Reason { get; }

    /// <summary>The shot the failure concerns, if it concerns one.</summary>
    public ShotKey? Shot { get; }

    /// <summary>The story the failure concerns, if any (the shot's story when there is a shot).</summary>
    public Guid? StoryId { get; }

    /// <summary>True when the failure will hit every shot of a run (credentials, model, quota, database), not just this one.</summary>
    public bool AffectsEveryShot { get; init; }

    /// <summary>What the operator should do next, ideally the exact command; null when the message says it all.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>The same failure, naming <paramref name="shot"/> (a failure found while working on it, e.g. in the Veo client).</summary>
    internal ShotVideoException ForShot(ShotKey shot, string? recommendedAction = null) =>
        Shot == shot && recommendedAction is null
            ? this
            : new ShotVideoException(ErrorId, Kind, Reason, shot, StoryId, InnerException ?? this)
            {
                AffectsEveryShot = AffectsEveryShot,
                RecommendedAction = recommendedAction ?? RecommendedAction,
            };
}
