using System.Collections.Concurrent;
using ShotVideo.Generation;
using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Support;

/// <summary>Records a run's events, and how many shots were generating at once.</summary>
public sealed class RecordingProgress : IShotVideoProgress
{
    private readonly ConcurrentDictionary<ShotKey, byte> _started = new();
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<ShotVideoResult> Finished { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Called when an operation starts; lets a test act mid-run (e.g. cancel).</summary>
    public Action<ShotKey, VideoOperation>? OnOperationStarted { get; set; }

    public Action<ShotKey, int>? OnPolled { get; set; }

    public void RunStarted(RunPlan plan, int toRun) => Events.Enqueue($"planned {plan.Shots.Count} approved {toRun}");

    public void ShotStarted(ShotPlan shot)
    {
        _started.TryAdd(shot.Key, 0);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        Events.Enqueue($"started {shot.SceneletId}#{shot.ShotIndex}");
    }

    public void OperationStarted(ShotKey shot, VideoOperation operation, bool resumed)
    {
        Events.Enqueue($"operation {shot.SceneletId}#{shot.ShotIndex} {(resumed ? "resumed" : "started")}");
        OnOperationStarted?.Invoke(shot, operation);
    }

    public void Polled(ShotKey shot, VideoOperation operation, int attempt, TimeSpan elapsed) => OnPolled?.Invoke(shot, attempt);

    public void Retrying(ShotKey shot, string step, int failedAttempt, TimeSpan delay, string reason) => Events.Enqueue($"retry {step} {failedAttempt}");

    public void WaitingForQuota(StartPacingWait wait)
    {
        QuotaWaits.Enqueue(wait);
        Events.Enqueue($"quota {wait.Reason}");
    }

    public ConcurrentQueue<StartPacingWait> QuotaWaits { get; } = new();

    public void ShotFinished(ShotVideoResult result)
    {
        if (_started.TryRemove(result.Key, out _))
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Finished.Enqueue(result);
    }

    public void Warning(ShotKey? shot, string message)
    {
        Warnings.Enqueue(message);
        Events.Enqueue($"warning {message}");
    }
}
