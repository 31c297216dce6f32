namespace ShotVideo.Veo;

/// <summary>
/// How a start request ended when it may have been paid for (<see cref="VideoStarted"/>, <see cref="VideoStartUncertain"/>)
/// or was turned away by the quota (<see cref="VideoStartRefused"/>), which the caller paces and retries. A request that
/// surely never created a job for any other reason (invalid, unauthorised, unreachable) is an exception instead.
/// </summary>
public abstract record StartOutcome;

/// <summary>Veo accepted the job: <see cref="Operation"/> names it, and a later process can finish it by that name.</summary>
public sealed record VideoStarted(VideoOperation Operation) : StartOutcome;

/// <summary>
/// The start request may have reached Veo, but its answer was lost or unreadable (a dropped connection, a proxy's 502,
/// a cut body): a job may exist and be billed, and nobody knows its name. The request is never sent again for it.
/// </summary>
public sealed record VideoStartUncertain(string Reason) : StartOutcome;

/// <summary>
/// Veo refused the start request with 429 (the start-request quota): no job was created and nothing is billed, so the
/// same request may be sent again once the quota allows. <see cref="RetryDelay"/> is Google's RetryInfo delay or the
/// Retry-After header, when the answer carried one.
/// </summary>
public sealed record VideoStartRefused(TimeSpan? RetryDelay, string Reason) : StartOutcome;
