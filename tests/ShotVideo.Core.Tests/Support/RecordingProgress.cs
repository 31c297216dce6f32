using System.Collections.Concurrent;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Support;

/// <summary>Records a run's events, and how many shots were generating at once.</summary>
public sealed class RecordingProgress : IShotVideoProgress
{
    private readonly ConcurrentDictionary<(string, int), byte> _started = new();
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<ShotVideoResult> Finished { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Called when an operation starts; lets a test act mid-run (e.g. cancel).</summary>
    public Action<ShotRecord, VideoOperation>? OnOperationStarted { get; set; }

    public Action<ShotRecord, int>? OnPolled { get; set; }

    public void RunPlanned(Guid storyId, int totalShots) => Events.Enqueue($"planned {totalShots}");

    public void ShotStarted(ShotRecord shot)
    {
        _started.TryAdd((shot.SceneletId, shot.ShotIndex), 0);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        Events.Enqueue($"started {shot.SceneletId}#{shot.ShotIndex}");
    }

    public void ReferenceChosen(ShotRecord shot, ReferenceImageChoice choice) => Events.Enqueue($"reference {shot.SceneletId}#{shot.ShotIndex} {choice.Kind} {choice.SourceId}");

    public void OperationStarted(ShotRecord shot, VideoOperation operation, bool resumed)
    {
        Events.Enqueue($"operation {shot.SceneletId}#{shot.ShotIndex} {(resumed ? "resumed" : "started")}");
        OnOperationStarted?.Invoke(shot, operation);
    }

    public void Polled(ShotRecord shot, VideoOperation operation, int attempt, TimeSpan elapsed) => OnPolled?.Invoke(shot, attempt);

    public void Retrying(ShotRecord shot, string step, int attempt, TimeSpan delay, string reason) => Events.Enqueue($"retry {step}");

    public void ShotFinished(ShotVideoResult result)
    {
        if (_started.TryRemove((result.SceneletId, result.ShotIndex), out _))
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Finished.Enqueue(result);
    }

    public void Warning(ShotRecord? shot, string message) => Events.Enqueue($"warning {message}");
}
