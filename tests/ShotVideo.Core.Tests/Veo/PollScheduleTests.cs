using ShotVideo.Veo.Http;

namespace ShotVideo.Tests.Veo;

/// <summary>Polling that wastes no time: the configured pace until finishes were seen, then faster where they happen.</summary>
public sealed class PollScheduleTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Without_history_every_poll_waits_the_configured_interval()
    {
        var schedule = new PollSchedule(S(10));

        Assert.Equal([S(10), S(10), S(10)], new[] { 0, 10, 95 }.Select(at => schedule.Next(S(at))));
    }

    [Fact]
    public void Finishes_seen_make_polls_inside_their_window_faster_and_leave_the_rest_at_the_configured_pace()
    {
        var schedule = new PollSchedule(S(10));
        schedule.Finished(lastRunning: S(60), foundDone: S(70));
        schedule.Finished(lastRunning: S(80), foundDone: S(90));

        Assert.Equal(S(2.5), schedule.Fast);
        // Before the window: the configured pace, then a wake-up at the window's start.
        Assert.Equal(S(10), schedule.Next(S(20)));
        Assert.Equal(S(4), schedule.Next(S(56)));
        // Inside it: fast.
        Assert.Equal(S(2.5), schedule.Next(S(60)));
        Assert.Equal(S(2.5), schedule.Next(S(89)));
        // Past every finish seen: back to the configured pace.
        Assert.Equal(S(10), schedule.Next(S(91)));
    }

    [Theory]
    [InlineData(0.1, 0.1)]
    [InlineData(2, 1)]
    [InlineData(10, 2.5)]
    public void Fast_polling_is_a_quarter_of_the_interval_but_never_below_a_second_unless_the_interval_is(double interval, double fast)
    {
        Assert.Equal(S(fast), new PollSchedule(S(interval)).Fast);
    }
}
