namespace ShotVideo.Database;

/// <summary>What claiming a shot in the ledger gave this worker.</summary>
public enum ShotClaimKind
{
    /// <summary>A new attempt: this worker sends the start request.</summary>
    NewAttempt,

    /// <summary>An earlier attempt's operation, now owned by this worker: poll and download it, start nothing.</summary>
    Resume,

    /// <summary>Another live worker holds the shot: skip it.</summary>
    HeldByOther,

    /// <summary>
    /// An earlier run sent a start request whose answer was never recorded: Veo may have a paid job for the shot that
    /// nobody can name. Nothing is started until an Override run replaces it.
    /// </summary>
    Uncertain,

    /// <summary>Another run finished the shot (the job is its succeeded attempt) and the caller does not replace clips: skip it.</summary>
    Recorded,
}

/// <summary>The outcome of <see cref="ShotVideoJobRepository.ClaimAsync"/>, with the job it concerns.</summary>
public sealed record ShotClaim(ShotClaimKind Kind, ShotVideoJob Job);
