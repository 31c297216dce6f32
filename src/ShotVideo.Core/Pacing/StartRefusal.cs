namespace ShotVideo.Pacing;

/// <summary>
/// What the limiter made of a 429 on a start request. Unless <see cref="QuotaRefusedTooLong"/>, send the same shot again:
/// a start refused with 429 was not run and is not billed, and <see cref="StartPacer.WaitForSlotAsync"/> waits
/// <see cref="Wait"/> (or longer) before it hands out the next slot.
/// </summary>
internal sealed record StartRefusal(
    TimeSpan Wait,
    double RatePerMinute,
    DateTimeOffset? RefusedSince,
    TimeSpan RefusedFor,
    bool QuotaRefusedTooLong)
{
    /// <summary>The failure to report when <see cref="QuotaRefusedTooLong"/>: every shot of the run is affected.</summary>
    public ShotVideoException ToException(string quotaKey, TimeSpan maxRefusedTime) =>
        ShotVideoErrors.QuotaRefused(
            $"Google has refused every start request for quota {quotaKey} for {Describe(RefusedFor)} "
            + $"(limit {Describe(maxRefusedTime)}), down to {RatePerMinute:0.#} starts per minute. No refused request was billed.");

    private static string Describe(TimeSpan span) =>
        span >= TimeSpan.FromMinutes(1) ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";
}
