namespace ShotVideo.Database;

/// <summary>Where one generation attempt stands. Claimed and Started are live; the others are settled.</summary>
public enum ShotVideoJobState
{
    /// <summary>
    /// A worker owns the shot; its start request may be on its way. Held by nobody (or by a worker that stopped), the
    /// answer was lost: Veo may have a job for it, so it stays live until an Override run replaces it.
    /// </summary>
    Claimed,

    /// <summary>Veo accepted the job; the operation name is recorded and can be polled again later.</summary>
    Started,

    Succeeded,
    Filtered,
    Failed,

    /// <summary>A claim whose worker stopped before Veo answered; nothing is known to resume.</summary>
    Abandoned,
}
