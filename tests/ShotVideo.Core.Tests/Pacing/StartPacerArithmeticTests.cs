using Microsoft.Extensions.Time.Testing;
using ShotVideo.Pacing;
using static ShotVideo.Tests.Pacing.PacingTestKit;

namespace ShotVideo.Tests.Pacing;

/// <summary>The limiter's arithmetic on a fake clock, in this process (the database does the same in SQL: see SharedStartPacingTests).</summary>
public sealed class StartPacerArithmeticTests
{
    // 60 starts a minute: one interval is one second, which keeps the expected times readable.
    private static readonly StartPacingOptions OnePerSecond = new() { StartsPerMinute = 60, Burst = 3 };

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingPacingObserver _observer = new();

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task ABurstGoesAtOnceThenSlotsAreSpacedAtTheRate()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);

        var burst = new[] { TakeNow(pacer), TakeNow(pacer), TakeNow(pacer) };
        var next = pacer.WaitForSlotAsync(default);
        _time.Advance(TimeSpan.FromMilliseconds(990));
        await Task.Delay(20);
        bool earlyDone = next.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var fourth = await next.WaitAsync(TimeSpan.FromSeconds(10));
        var fifth = await TakeAsync(pacer, _time, _observer);

        Assert.All(burst, slot => Assert.Equal(Start, slot.At));
        Assert.False(earlyDone);
        Assert.Equal(Start + Seconds(1), fourth.At);
        Assert.Equal(Start + Seconds(2), fifth.At);
        Assert.Equal(60, pacer.CurrentRatePerMinute);
        Assert.All(_observer.Waits, wait => Assert.Equal(StartPacingReason.Pacing, wait.Reason));
    }

    [Fact]
    public void TheBurstIsNeverMoreThanAMinutesQuota()
    {
        var pacer = LocalPacer(_time, new StartPacingOptions { StartsPerMinute = 2, Burst = 10 }, _observer);

        TakeNow(pacer);
        TakeNow(pacer);
        var third = pacer.WaitForSlotAsync(default);

        Assert.False(third.IsCompleted);
        Assert.Equal(Start + Seconds(30), _observer.Waits.Single().Until);
    }

    [Fact]
    public async Task ARefusalAfterMoreThanABurstWaitsForTheBucketToRefillWithoutLoweringTheRate()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        TakeNow(pacer);
        TakeNow(pacer);
        TakeNow(pacer);
        var fourth = await TakeAsync(pacer, _time, _observer);

        var refusal = await pacer.RefusedAsync(fourth, null, default);
        var probe = await TakeAsync(pacer, _time, _observer);
        var afterProbe = pacer.WaitForSlotAsync(default);
        bool probeAlone = !afterProbe.IsCompleted;
        await pacer.AcceptedAsync(probe, default);
        var burstBack = await afterProbe.WaitAsync(TimeSpan.FromSeconds(10));
        var burstBack2 = TakeNow(pacer);

        // The refused slot is given back (bucket full at 3 s), plus a quarter interval's margin.
        Assert.Equal((Seconds(2.25), 60.0, false), (refusal.Wait, refusal.RatePerMinute, refusal.QuotaRefusedTooLong));
        Assert.Equal(Start + Seconds(3.25), probe.At);
        Assert.True(probeAlone, "after a refusal one probe goes alone");
        Assert.Equal(probe.At, burstBack.At);
        Assert.Equal(probe.At, burstBack2.At);
        Assert.Contains(_observer.Waits, w => w.Reason == StartPacingReason.QuotaRefused && w.Until == Start + Seconds(3.25) && w.RatePerMinute == 60);
    }

    [Fact]
    public async Task OnceTheQuotaShowedFixedWindowsASpentBurstWaitsForTheRefillInsteadOfGoingOnAtTheRate()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        TakeNow(pacer);
        TakeNow(pacer);
        TakeNow(pacer);
        var fourth = await TakeAsync(pacer, _time, _observer);
        await pacer.RefusedAsync(fourth, null, default);
        var probe = await TakeAsync(pacer, _time, _observer);
        await pacer.AcceptedAsync(probe, default);
        var burst = new[] { probe, TakeNow(pacer), TakeNow(pacer) };

        var afterBurst = await TakeAsync(pacer, _time, _observer);
        var nextBurst = new[] { afterBurst, TakeNow(pacer), TakeNow(pacer) };

        // A window's worth (3) at 3.25 s, then nothing until the bucket has refilled (3 intervals later), not 1 s later.
        Assert.All(burst, slot => Assert.Equal(Start + Seconds(3.25), slot.At));
        Assert.All(nextBurst, slot => Assert.Equal(Start + Seconds(6.25), slot.At));
    }

    [Fact]
    public async Task ARefusalInsideTheBurstLowersTheBurstAndTheRate()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        var first = TakeNow(pacer);
        await pacer.AcceptedAsync(first, default);
        var second = TakeNow(pacer);

        var refusal = await pacer.RefusedAsync(second, null, default);
        var probe = await TakeAsync(pacer, _time, _observer);
        await pacer.AcceptedAsync(probe, default);
        var next = await TakeAsync(pacer, _time, _observer);

        double interval = 60 / 42.0;
        Assert.Equal(42, refusal.RatePerMinute, 9);
        Assert.Equal(interval * 1.25 * 1000, refusal.Wait.TotalMilliseconds, 3);
        // The burst is now the one start the quota took: the slot after the probe is a whole interval later.
        Assert.Equal(probe.At + Seconds(interval), next.At, Seconds(1e-6));
    }

    [Fact]
    public async Task ARefusedProbeLowersTheRateAndBacksOffTwiceAsLongEachTime()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        TakeNow(pacer);
        TakeNow(pacer);
        TakeNow(pacer);
        var fourth = await TakeAsync(pacer, _time, _observer);
        var windowEnd = await pacer.RefusedAsync(fourth, null, default);

        var probe1 = await TakeAsync(pacer, _time, _observer);
        var refused1 = await pacer.RefusedAsync(probe1, null, default);
        var probe2 = await TakeAsync(pacer, _time, _observer);
        var refused2 = await pacer.RefusedAsync(probe2, null, default);
        var probe3 = await TakeAsync(pacer, _time, _observer);

        Assert.Equal(60, windowEnd.RatePerMinute);
        Assert.Equal((42.0, 29.4), (Math.Round(refused1.RatePerMinute, 9), Math.Round(refused2.RatePerMinute, 9)));
        Assert.Equal(probe1.At + Seconds(2 * 60 / 42.0), probe2.At, Seconds(1e-6));
        // Doubling stops at a burst's worth of intervals (3 here).
        Assert.Equal(probe2.At + Seconds(3 * 60 / 29.4), probe3.At, Seconds(1e-6));
        Assert.Equal(Start + Seconds(1), refused2.RefusedSince);
    }

    [Fact]
    public async Task AcceptedStartsClimbBackSlowlyToTheConfiguredRateAndNoFurther()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        var first = TakeNow(pacer);
        await pacer.RefusedAsync(first, null, default);
        var rates = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var slot = await TakeAsync(pacer, _time, _observer);
            await pacer.AcceptedAsync(slot, default);
            rates.Add(pacer.CurrentRatePerMinute);
        }

        // 2 % of the configured rate per accepted start: 42 → 43.2 → … → 60, and there it stays.
        Assert.Equal(43.2, rates[0], 9);
        Assert.Equal(54, rates[9], 9);
        Assert.Equal(60, rates[14], 9);
        Assert.Equal(60, rates[19], 9);
    }

    [Fact]
    public async Task GooglesRetryDelayIsHonouredAsGiven()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        var first = TakeNow(pacer);

        var refusal = await pacer.RefusedAsync(first, Seconds(38), default);
        var next = await TakeAsync(pacer, _time, _observer);

        Assert.Equal(Seconds(38), refusal.Wait);
        Assert.Equal(Start + Seconds(38), next.At);
    }

    [Fact]
    public async Task ARefusalOfASlotGrantedBeforeTheLastRefusalCountsOnlyOnce()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        var slots = new[] { TakeNow(pacer), TakeNow(pacer) };

        _time.Advance(TimeSpan.FromMilliseconds(10));
        var counted = await pacer.RefusedAsync(slots[1], null, default);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var stale = await pacer.RefusedAsync(slots[0], null, default);

        Assert.Equal(42, counted.RatePerMinute, 9);
        Assert.Equal(counted.RatePerMinute, stale.RatePerMinute);
        Assert.Equal(counted.Wait - TimeSpan.FromMilliseconds(10), stale.Wait);
    }

    [Fact]
    public async Task RefusalsPastTheBoundedTimeEndTheRunAndAnAcceptedStartResetsTheClock()
    {
        var options = OnePerSecond with { MaxRefusedTime = TimeSpan.FromMinutes(5) };
        var pacer = LocalPacer(_time, options, _observer);
        var refusals = new List<StartRefusal>();
        do
        {
            var slot = await TakeAsync(pacer, _time, _observer);
            refusals.Add(await pacer.RefusedAsync(slot, null, default));
        }
        while (!refusals[^1].QuotaRefusedTooLong && refusals.Count < 100);

        var next = await TakeAsync(pacer, _time, _observer);
        await pacer.AcceptedAsync(next, default);
        var later = await TakeAsync(pacer, _time, _observer);
        var afterAccept = await pacer.RefusedAsync(later, null, default);

        Assert.True(refusals[^1].QuotaRefusedTooLong);
        Assert.All(refusals[..^1], r => Assert.True(r.RefusedFor < TimeSpan.FromMinutes(5)));
        // Probes are at most a minute apart once backed off, so the run ends within a minute of the limit.
        Assert.InRange(refusals[^1].RefusedFor, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        Assert.Equal(TimeSpan.Zero, afterAccept.RefusedFor);
        Assert.False(afterAccept.QuotaRefusedTooLong);
        Assert.Equal("ShotVideoQuotaRefused", refusals[^1].ToException(pacer.QuotaKey, options.MaxRefusedTime).ErrorId);
    }

    [Fact]
    public async Task ALaterRunIsNotHeldToAnEarlierRunsRefusals()
    {
        var options = OnePerSecond with { MaxRefusedTime = TimeSpan.FromMinutes(5) };
        var earlier = LocalPacer(_time, options, _observer);
        StartRefusal refusal;
        do
        {
            refusal = await earlier.RefusedAsync(await TakeAsync(earlier, _time, _observer), null, default);
        }
        while (!refusal.QuotaRefusedTooLong);

        // The earlier run gave up; an hour later another run (same bucket) is refused once.
        _time.Advance(TimeSpan.FromHours(1));
        var slot = await TakeAsync(earlier, _time, _observer);
        var later = await earlier.RefusedAsync(slot, null, default);

        Assert.Equal((TimeSpan.Zero, false), (later.RefusedFor, later.QuotaRefusedTooLong));
        Assert.Equal(_time.GetUtcNow(), later.RefusedSince);
    }

    [Fact]
    public async Task ARetryDelayBeyondTheBoundEndsTheRunAtOnce()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        var slot = TakeNow(pacer);

        var refusal = await pacer.RefusedAsync(slot, TimeSpan.FromMinutes(30), default);

        Assert.True(refusal.QuotaRefusedTooLong);
    }

    [Fact]
    public async Task AnUnlimitedPacerNeverWaits()
    {
        var pacer = LocalPacer(_time, StartPacingOptions.Unlimited, _observer);

        var slots = Enumerable.Range(0, 100).Select(_ => TakeNow(pacer)).ToList();
        await pacer.AcceptedAsync(slots[0], default);
        var refusal = await pacer.RefusedAsync(slots[1], null, default);

        Assert.Equal(double.PositiveInfinity, pacer.CurrentRatePerMinute);
        Assert.False(refusal.QuotaRefusedTooLong);
        Assert.Empty(_observer.Waits);
    }

    [Fact]
    public async Task AWaitingSlotCanBeCancelled()
    {
        var pacer = LocalPacer(_time, OnePerSecond, _observer);
        TakeNow(pacer);
        TakeNow(pacer);
        TakeNow(pacer);
        using var cancel = new CancellationTokenSource();

        var waiting = pacer.WaitForSlotAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        // The gate was released: the next caller gets the slot at 1 s.
        var next = await TakeAsync(pacer, _time, _observer);
        Assert.Equal(Start + Seconds(1), next.At);
    }
}
