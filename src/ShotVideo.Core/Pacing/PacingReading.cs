namespace ShotVideo.Pacing;

/// <summary>
/// What the shared bucket said, in the store's clock (the database server's when shared): whether a slot was granted
/// and when it is (or when to ask again), the store's time of the answer, and the learned state.
/// </summary>
internal sealed record PacingReading(
    bool Granted,
    DateTimeOffset At,
    DateTimeOffset Now,
    double RatePerMinute,
    double Burst,
    DateTimeOffset? PausedUntil,
    int RefusalStreak,
    DateTimeOffset? RefusedSince)
{
    /// <summary>The time from the answer until <paramref name="moment"/>, never negative.</summary>
    public TimeSpan Until(DateTimeOffset moment) => moment > Now ? moment - Now : TimeSpan.Zero;

    public bool Paused => PausedUntil is { } until && until > Now;
}
