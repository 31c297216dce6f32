namespace ShotVideo.Pacing;

/// <summary>
/// Where a quota's bucket lives: in the database (shared by every worker on every machine) or in this process. Each call
/// is one atomic step on the bucket.
/// </summary>
internal interface IStartSlotStore
{
    /// <summary>Grants a slot when one is due within <see cref="PacingParameters.GrantLead"/>; otherwise says when to ask again.</summary>
    Task<PacingReading> TakeAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken);

    /// <summary>Google accepted a start: the rate and burst climb back a step, and a run of refusals ends.</summary>
    Task<PacingReading> AcceptAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken);

    /// <summary>
    /// Google refused a start sent in the slot granted at <paramref name="grantedAt"/> (store clock) with 429: the slot is
    /// given back (a refused start is not counted), and, unless the slot was granted before the last refusal was known,
    /// the bucket pauses and the rate or burst comes down.
    /// </summary>
    Task<PacingReading> RefuseAsync(
        string quotaKey, PacingParameters parameters, DateTimeOffset grantedAt, TimeSpan? serverRetryDelay, CancellationToken cancellationToken);
}
