namespace ShotVideo.Veo.Http;

/// <summary>
/// When to poll a running operation next. Without history every poll waits the configured interval. Each operation
/// this generator saw finish teaches a window (after the last poll that found it running, up to the poll that found it
/// done); polls inside the window of all finishes seen come faster, so a clip is noticed soon after Veo finishes it,
/// while polls before and after it keep the configured pace. Thread-safe: one schedule serves every shot of a run.
/// </summary>
internal sealed class PollSchedule
{
    private const int Remembered = 32;
    private static readonly TimeSpan FastFloor = TimeSpan.FromSeconds(1);
    private readonly object _lock = new();
    private readonly Queue<(TimeSpan Earliest, TimeSpan Latest)> _finishes = new();

    public PollSchedule(TimeSpan interval)
    {
        Interval = interval;
        // A quarter of the interval, but never faster than a second unless the operator asked for faster polling.
        Fast = TimeSpan.FromTicks(Math.Max(interval.Ticks / 4, Math.Min(interval.Ticks, FastFloor.Ticks)));
    }

    public TimeSpan Interval { get; }

    public TimeSpan Fast { get; }

    /// <summary>An operation was found running at <paramref name="lastRunning"/> and done at <paramref name="foundDone"/>.</summary>
    public void Finished(TimeSpan lastRunning, TimeSpan foundDone)
    {
        lock (_lock)
        {
            _finishes.Enqueue((lastRunning, foundDone));
            if (_finishes.Count > Remembered)
            {
                _finishes.Dequeue();
            }
        }
    }

    /// <summary>How long to wait before polling an operation that has run for <paramref name="elapsed"/>.</summary>
    public TimeSpan Next(TimeSpan elapsed)
    {
        TimeSpan from, to;
        lock (_lock)
        {
            if (_finishes.Count == 0)
            {
                return Interval;
            }

            from = _finishes.Min(finish => finish.Earliest);
            to = _finishes.Max(finish => finish.Latest);
        }

        if (elapsed < from)
        {
            // Wake at the window's start rather than up to one interval into it.
            return Min(Interval, Max(from - elapsed, Fast));
        }

        return elapsed <= to ? Fast : Interval;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
