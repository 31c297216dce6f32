namespace ShotVideo.Veo;

/// <summary>
/// How a start request ended when it may have been paid for: <see cref="VideoStarted"/> or <see cref="VideoStartUncertain"/>.
/// A request that surely never created a job (refused, invalid, unreachable) is an exception instead.
/// </summary>
public abstract record StartOutcome;

/// <summary>Veo accepted the job: <see cref="Operation"/> names it, and a later process can finish it by that name.</summary>
public sealed record VideoStarted(VideoOperation Operation) : StartOutcome;

/// <summary>
/// The start request may have reached Veo, but its answer was lost or unreadable (a dropped connection, a proxy's 502,
/// a cut body): a job may exist and be billed, and nobody knows its name. The request is never sent again for it.
/// </summary>
public sealed record VideoStartUncertain(string Reason) : StartOutcome;
