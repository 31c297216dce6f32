namespace ShotVideo.Pacing;

/// <summary>
/// One quota's bucket and its arithmetic, in memory: a GCRA (virtual scheduling) token bucket whose rate and burst are
/// learned from Google's answers. <see cref="DatabaseStartSlotStore"/> does exactly the same in SQL, on a row shared by
/// every worker; the tests hold the two to the same answers. Not thread-safe: the local store locks around it.
/// </summary>
/// <remarks>
/// Hand-written: System.Threading.RateLimiting's TokenBucketRateLimiter cannot change its rate while running, has no
/// notion of a refusal that gives a token back or pauses everyone, and cannot share its state between processes.
/// </remarks>
internal sealed class StartBucket
{
    private bool _exists;
    private double _rate;
    private double _burst;
    private DateTimeOffset _theoreticalArrival;
    private DateTimeOffset? _pausedUntil;
    private int _grantedSinceRefusal;
    private int _acceptedSinceRefusal;
    private int _refusalStreak;
    private DateTimeOffset? _refusedSince;
    private DateTimeOffset? _lastRefusedAt;
    private bool _windowed;
    private int _grantedInBurst;

    public long GrantedCount { get; private set; }

    public long AcceptedCount { get; private set; }

    public long RefusedCount { get; private set; }

    public PacingReading Take(DateTimeOffset now, PacingParameters p)
    {
        if (!_exists)
        {
            // A fresh bucket is full: the first slot goes now.
            _exists = true;
            _rate = p.ConfiguredPerMinute;
            _burst = p.BurstLimit;
            _theoreticalArrival = now + PacingParameters.Interval(_rate);
            _grantedSinceRefusal = 1;
            _grantedInBurst = 1;
            GrantedCount = 1;
            return Reading(true, now, now);
        }

        // A worker configured lower than the bucket's learned state wins at once; a higher ceiling is climbed to.
        _rate = Math.Min(_rate, p.ConfiguredPerMinute);
        _burst = Math.Min(_burst, p.BurstLimit);
        var interval = PacingParameters.Interval(_rate);
        // While refusals run, slots go one at a time: a probe, not a burst, until Google accepts one. Once the quota has
        // shown fixed windows (a refusal right after a whole burst), a spent burst waits for the bucket to refill instead
        // of going on at the rate: the start after a window's worth would only find the window full.
        bool burstSpent = _windowed && _grantedInBurst >= Math.Floor(_burst);
        var tolerance = _refusalStreak == 0 && !burstSpent ? (Math.Floor(_burst) - 1) * interval : TimeSpan.Zero;
        var due = Max(_theoreticalArrival - tolerance, _pausedUntil ?? DateTimeOffset.MinValue);
        bool granted = due <= now + p.GrantLead;
        var slot = Max(now, due);
        if (granted)
        {
            // A slot at or past the theoretical arrival finds the bucket refilled: a new burst begins.
            _grantedInBurst = slot >= _theoreticalArrival ? 1 : _grantedInBurst + 1;
            _theoreticalArrival = Max(_theoreticalArrival, slot) + interval;
            _grantedSinceRefusal++;
            GrantedCount++;
        }

        return Reading(granted, granted ? slot : due, now);
    }

    public PacingReading Accept(DateTimeOffset now, PacingParameters p)
    {
        if (!_exists)
        {
            return Reading(false, now, now);
        }

        _rate = Math.Min(p.ConfiguredPerMinute, _rate + p.IncreasePerAcceptedStart);
        _burst = Math.Min(p.BurstLimit, _burst + PacingParameters.BurstIncreasePerAcceptedStart);
        _refusalStreak = 0;
        _refusedSince = null;
        _acceptedSinceRefusal++;
        AcceptedCount++;
        return Reading(false, now, now);
    }

    public PacingReading Refuse(DateTimeOffset now, DateTimeOffset grantedAt, TimeSpan? serverRetryDelay, PacingParameters p)
    {
        if (!_exists)
        {
            return Reading(false, now, now);
        }

        RefusedCount++;
        // The refused start was not counted by Google: give its slot back.
        var refundedArrival = _theoreticalArrival - PacingParameters.Interval(_rate);
        if (_lastRefusedAt is { } last && grantedAt < last)
        {
            // Sent before the last refusal was known: that refusal already paused everyone and lowered what it had to.
            if (serverRetryDelay is { } wish)
            {
                _pausedUntil = Max(_pausedUntil ?? DateTimeOffset.MinValue, now + wish);
            }

            _theoreticalArrival = Max(refundedArrival, _pausedUntil ?? DateTimeOffset.MinValue);
            return Reading(false, now, now);
        }

        if (_refusalStreak > 0 && (_pausedUntil is not { } pausedUntil || now > pausedUntil + p.MaxPause + PacingParameters.Interval(_rate)))
        {
            // Nobody tried for a while after the last pause ended and a slot at our rate passed (an earlier run gave up or
            // stopped): a new run of refusals. A refusal at the slowest rate still counts towards the same run.
            _refusalStreak = 0;
            _refusedSince = null;
        }

        // Refused within a burst: the quota's burst is smaller than ours. Refused right after we waited for the quota to
        // recover: our rate is too high. Refused after more than a burst at our rate: the quota's window is used up —
        // wait for the bucket to refill, without lowering the rate.
        bool inBurst = _grantedSinceRefusal <= Math.Floor(_burst);
        if (_refusalStreak >= 1 || inBurst)
        {
            _rate = Math.Max(p.MinimumPerMinute, _rate * p.DecreaseFactor);
        }

        if (_refusalStreak == 0 && inBurst)
        {
            _burst = Math.Max(1, _acceptedSinceRefusal);
        }

        var interval = PacingParameters.Interval(_rate);
        TimeSpan pause;
        if (serverRetryDelay is { } delay)
        {
            pause = delay;
        }
        else if (_refusalStreak == 0)
        {
            // Until the bucket is full again (a quota window after our burst began), plus a margin for the way there.
            pause = Min(p.MaxPause, Max(refundedArrival - now, interval) + interval * p.ResumeMargin);
        }
        else
        {
            // The probe was refused as well: back off 2, 4, 8… intervals, at most a whole burst's worth.
            pause = Min(p.MaxPause, interval * Math.Min(p.BurstLimit, Math.Pow(2, _refusalStreak)));
        }

        _windowed |= _refusalStreak == 0 && !inBurst;
        _pausedUntil = Max(_pausedUntil ?? DateTimeOffset.MinValue, now + pause);
        _theoreticalArrival = Max(refundedArrival, _pausedUntil.Value);
        _grantedSinceRefusal = 0;
        _acceptedSinceRefusal = 0;
        _refusalStreak++;
        _refusedSince ??= now;
        _lastRefusedAt = now;
        return Reading(false, now, now);
    }

    private PacingReading Reading(bool granted, DateTimeOffset at, DateTimeOffset now) =>
        new(granted, at, now, _rate, _burst, _pausedUntil, _refusalStreak, _refusedSince);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
