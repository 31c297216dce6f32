namespace ShotVideo.Ledger;

/// <summary>What claiming a shot in the ledger gave this run.</summary>
internal abstract record ClaimOutcome
{
    /// <summary>This run owns an attempt: a new one (send the start request) or an earlier run's started one (resume it, start nothing).</summary>
    public sealed record Owned(LedgerAttempt Attempt) : ClaimOutcome;

    /// <summary>Another live run holds the shot: leave it alone.</summary>
    public sealed record HeldByOther(ShotVideoJob Job) : ClaimOutcome;

    /// <summary>
    /// An earlier run sent a start request whose answer was never recorded: Veo may have a paid job for the shot that
    /// nobody can name. Nothing is started until an Override run replaces it.
    /// </summary>
    public sealed record UncertainStart(ShotVideoJob Job) : ClaimOutcome;

    /// <summary>Another run recorded a clip for the shot after this run planned it (the job is its succeeded attempt): keep it.</summary>
    public sealed record Recorded(ShotVideoJob Job) : ClaimOutcome;

    /// <summary>The shot's row changed since this run planned it (not by a recorded clip): what was approved may no longer be what would run.</summary>
    public sealed record Changed : ClaimOutcome;
}

/// <summary>
/// How a claim treats what happened since the run planned: a new attempt is made only while the shot's row is still the
/// version the plan read (<paramref name="ShotVersion"/>, its <c>updated_at</c>), so a clip another run recorded in the
/// meantime is kept, in every mode; and whether an uncertain start may be abandoned for a new attempt (Override only).
/// </summary>
internal readonly record struct ClaimRule(DateTimeOffset ShotVersion, bool ReplaceUncertain);
