namespace ShotVideo.Ledger;

/// <summary>What a plan reads of the ledger: the database's clock and the story's live attempts.</summary>
/// <param name="At">When it was read, by the database's clock: an Override run keeps clips recorded after this.</param>
internal sealed record LedgerSnapshot(DateTimeOffset At, IReadOnlyList<LedgerSnapshot.LiveAttempt> Live)
{
    /// <summary>No ledger was read (a preview): nothing is live.</summary>
    public static LedgerSnapshot None { get; } = new(DateTimeOffset.UnixEpoch, []);

    public LiveAttempt? Of(ShotKey shot) => Live.FirstOrDefault(attempt => attempt.Job.Key == shot);

    /// <param name="Stale">Its run released it, stopped heartbeating, or is gone from this machine: another run may take it over.</param>
    internal sealed record LiveAttempt(ShotVideoJob Job, bool Stale);
}
