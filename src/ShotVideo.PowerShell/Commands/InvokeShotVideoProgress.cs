using System.Diagnostics;
using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Turns a run's events into a progress bar, verbose lines, warnings and result objects. Events come from the run's
/// worker threads; the writers it is given queue them for the pipeline thread.
/// </summary>
internal sealed class InvokeShotVideoProgress(
    string activity,
    Action<ProgressRecord> writeProgress,
    Action<string> writeVerbose,
    Action<string> writeWarning,
    Action<ShotVideoResult, ShotRecord?> shotFinished) : IShotVideoProgress
{
    private const int ActivityId = 1;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Dictionary<(string, int), ShotRecord> _started = new();
    private int _total;
    private int _done;
    private int _inFlight;

    public void RunPlanned(Guid storyId, int totalShots)
    {
        Interlocked.Exchange(ref _total, totalShots);
        writeVerbose($"Story {storyId}: {totalShots} shot(s) targeted.");
        Report("Starting");
    }

    public void ShotStarted(ShotRecord shot)
    {
        lock (_started)
        {
            _started[(shot.SceneletId, shot.ShotIndex)] = shot;
        }

        Interlocked.Increment(ref _inFlight);
        Report($"{shot.SceneletId} shot {shot.ShotIndex}: preparing");
    }

    public void ReferenceChosen(ShotRecord shot, ReferenceImageChoice choice) =>
        writeVerbose($"{Name(shot)}: reference {choice.Kind} '{choice.SourceId}' ({choice.RelativePath}).");

    public void OperationStarted(ShotRecord shot, VideoOperation operation, bool resumed)
    {
        writeVerbose($"{Name(shot)}: {(resumed ? "resuming earlier operation" : "operation started")} {operation.Name} ({operation.Backend} {operation.Model}).");
        Report($"{shot.SceneletId} shot {shot.ShotIndex}: generating");
    }

    public void Polled(ShotRecord shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
        writeVerbose($"{Name(shot)}: poll {attempt} of {operation.Name}, {elapsed.TotalSeconds:0}s since it started.");
        Report($"{shot.SceneletId} shot {shot.ShotIndex}: waiting for Veo ({elapsed.TotalSeconds:0}s)");
    }

    public void Retrying(ShotRecord shot, string step, int attempt, TimeSpan delay, string reason) =>
        writeVerbose($"{Name(shot)}: {step} attempt {attempt} failed ({reason}); retrying in {delay.TotalSeconds:0.#}s.");

    public void ShotFinished(ShotVideoResult result)
    {
        ShotRecord? shot;
        lock (_started)
        {
            _started.TryGetValue((result.SceneletId, result.ShotIndex), out shot);
        }

        if (shot is not null)
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Interlocked.Increment(ref _done);
        if (result.Status == ShotVideoStatus.Generated)
        {
            writeVerbose($"{result.SceneletId} shot {result.ShotIndex}: stored {result.VideoFilePath}.");
        }

        Report($"{result.SceneletId} shot {result.ShotIndex}: {result.Status}");
        shotFinished(result, shot);
    }

    public void Warning(ShotRecord? shot, string message) => writeWarning(message);

    /// <summary>Closes the progress bar.</summary>
    public void Complete() =>
        writeProgress(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });

    private void Report(string currentOperation)
    {
        var total = Volatile.Read(ref _total);
        var done = Volatile.Read(ref _done);
        writeProgress(new ProgressRecord(
            ActivityId,
            activity,
            $"{done}/{total} done, {Volatile.Read(ref _inFlight)} in flight, {_elapsed.Elapsed:hh\\:mm\\:ss} elapsed")
        {
            PercentComplete = total == 0 ? 0 : Math.Min(100, done * 100 / total),
            CurrentOperation = currentOperation,
        });
    }

    private static string Name(ShotRecord shot) => $"{shot.SceneletId} shot {shot.ShotIndex}";
}
