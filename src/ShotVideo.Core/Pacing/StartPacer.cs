using ShotVideo.Database;

namespace ShotVideo.Pacing;

/// <summary>
/// Paces Veo start requests for one quota (<see cref="StartQuotaKey"/>): one instance per quota key per process, shared by
/// all of that process's shots. With a <see cref="StoryDatabase"/> the bucket is a database row, so workers on any number
/// of machines that use the same quota share one budget; without one it lives in this process.
/// </summary>
/// <remarks>
/// Around every start request: <see cref="WaitForSlotAsync"/>, send, then <see cref="AcceptedAsync"/> on success or
/// <see cref="RefusedAsync"/> on a 429 (and send the same shot again unless it says the quota refused too long). Only one
/// waiter per process asks the bucket at a time and it asks only for a slot that is due now, so a refusal recorded by any
/// worker holds back every slot not yet handed out.
/// </remarks>
internal sealed class StartPacer
{
    private readonly IStartSlotStore _store;
    private readonly PacingParameters? _parameters;
    private readonly IStartPacingObserver? _observer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource _nudge = NewNudge();
    private double _rate;

    public StartPacer(string quotaKey, StartPacingOptions options, StoryDatabase? database, IStartPacingObserver? observer = null, TimeProvider? time = null)
        : this(
            quotaKey,
            options,
            database is null ? new LocalStartSlotStore(time ?? TimeProvider.System) : new DatabaseStartSlotStore(database),
            observer,
            time ?? TimeProvider.System)
    {
    }

    internal StartPacer(string quotaKey, StartPacingOptions options, IStartSlotStore store, IStartPacingObserver? observer, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(quotaKey);
        ArgumentNullException.ThrowIfNull(options);
        QuotaKey = quotaKey;
        Options = options;
        _store = store;
        _observer = observer;
        _time = time;
        _parameters = options.StartsPerMinute is null ? null : new PacingParameters(options);
        _rate = options.StartsPerMinute ?? double.PositiveInfinity;
    }

    public string QuotaKey { get; }

    public StartPacingOptions Options { get; }

    /// <summary>The rate the shared bucket last reported (starts per minute); infinity when unlimited.</summary>
    public double CurrentRatePerMinute => Volatile.Read(ref _rate);

    /// <summary>
    /// Takes the next start slot of this quota and waits until its time. While the quota recovers from a refusal this
    /// waits for it (the observer hears until when); it never fails for quota itself — <see cref="RefusedAsync"/> decides that.
    /// </summary>
    public async Task<StartSlot> WaitForSlotAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (_parameters is null)
        {
            return new StartSlot(_time.GetUtcNow(), double.PositiveInfinity, TimeSpan.Zero) { Unlimited = true };
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                // Taken before asking, so an accepted start recorded while we ask still wakes us.
                var nudge = Volatile.Read(ref _nudge).Task;
                var reading = await _store.TakeAsync(QuotaKey, _parameters, cancellationToken).ConfigureAwait(false);
                Observe(reading);
                var wait = reading.Until(reading.At);
                if (reading.Granted)
                {
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }

                    return new StartSlot(reading.At, reading.RatePerMinute, _time.GetElapsedTime(started));
                }

                _observer?.Waiting(new StartPacingWait(
                    QuotaKey, _time.GetUtcNow() + wait, reading.RatePerMinute, reading.Paused ? StartPacingReason.QuotaRefused : StartPacingReason.Pacing));
                await SleepAsync(wait, nudge, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Google accepted the start sent in <paramref name="slot"/> (it answered with an operation name).</summary>
    public async Task AcceptedAsync(StartSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (_parameters is null || slot.Unlimited)
        {
            return;
        }

        Observe(await _store.AcceptAsync(QuotaKey, _parameters, cancellationToken).ConfigureAwait(false));
        // A run of refusals may have ended: the waiter asks again at once instead of at the probe's pace.
        Interlocked.Exchange(ref _nudge, NewNudge()).TrySetResult();
    }

    /// <summary>
    /// Google answered the start sent in <paramref name="slot"/> with 429 (quota). Give Google's RetryInfo delay (or a
    /// Retry-After) as <paramref name="serverRetryDelay"/> when it sent one. The refusal is shared, so every worker of
    /// this quota slows down.
    /// </summary>
    public async Task<StartRefusal> RefusedAsync(StartSlot slot, TimeSpan? serverRetryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (_parameters is null || slot.Unlimited)
        {
            return new StartRefusal(serverRetryDelay ?? TimeSpan.Zero, double.PositiveInfinity, null, TimeSpan.Zero, false);
        }

        var reading = await _store.RefuseAsync(QuotaKey, _parameters, slot.At, serverRetryDelay, cancellationToken).ConfigureAwait(false);
        Observe(reading);
        var wait = reading.PausedUntil is { } until ? reading.Until(until) : TimeSpan.Zero;
        var refusedFor = reading.RefusedSince is { } since ? reading.Now - since : TimeSpan.Zero;
        // Also give up now when Google itself asks us to wait past the limit.
        bool tooLong = refusedFor >= Options.MaxRefusedTime || (serverRetryDelay is { } asked && refusedFor + asked > Options.MaxRefusedTime);
        if (wait > TimeSpan.Zero && !tooLong)
        {
            _observer?.Waiting(new StartPacingWait(QuotaKey, _time.GetUtcNow() + wait, reading.RatePerMinute, StartPacingReason.QuotaRefused));
        }

        return new StartRefusal(wait, reading.RatePerMinute, reading.RefusedSince, refusedFor, tooLong);
    }

    private void Observe(PacingReading reading) => Volatile.Write(ref _rate, reading.RatePerMinute);

    private async Task SleepAsync(TimeSpan wait, Task nudge, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, stop.Token);
        await Task.WhenAny(delay, nudge).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewNudge() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
