using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using ShotVideo.Generation;
using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Turns a run's events into progress records (one for the run, a child per shot in flight), verbose lines, warnings,
/// result objects and per-shot errors. Events come from the run's worker threads; the command queues its writes for
/// the pipeline thread.
/// </summary>
internal sealed class InvokeShotVideoProgress(RunPlan plan, InvokeShotVideoCommand command) : IShotVideoProgress
{
    private const int RunActivityId = 1;
    private static readonly TimeSpan NoticeableWait = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<ShotKey, int> _inFlight = new();
    private int _nextChildId = RunActivityId + 1;
    private int _toRun;
    private int _done;
    private int _failed;
    private long _spentCents;
    private long _finishedTicks;
    private StartPacingWait? _quotaWait;
    private int _heldByOthers;

    // Short enough that an 80-column terminal shows it whole beside the status.
    private string Activity => $"Videos for {plan.StoryName}";

    public void RunStarted(RunPlan run, int toRun)
    {
        Interlocked.Exchange(ref _toRun, toRun);
        command.ShowVerbose($"{run.StoryName} ({run.StoryId}): {toRun} of {run.Shots.Count} planned shot(s) approved to run.");
        ReportRun();
    }

    public void ShotStarted(ShotPlan shot)
    {
        var child = _inFlight.GetOrAdd(shot.Key, _ => Interlocked.Increment(ref _nextChildId));
        foreach (var reference in shot.References)
        {
            command.ShowVerbose($"{shot.Key}: reference {reference}.");
        }

        ReportShot(child, shot.Key, shot.Decision == ShotDecision.Resume ? "Resuming" : "Starting");
        ReportRun();
    }

    public void OperationStarted(ShotKey shot, VideoOperation operation, bool resumed)
    {
        command.ShowVerbose($"{shot}: {(resumed ? "resuming earlier operation" : "operation started")} {operation.Name} ({operation.Backend} {operation.Model}).");
        if (_inFlight.TryGetValue(shot, out var child))
        {
            // Worded as the polls will be, so a log that prints state changes shows one line, not two.
            ReportShot(child, shot, resumed ? "Waiting for Veo (resumed)" : "Waiting for Veo (0s)");
        }
    }

    public void Polled(ShotKey shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
        command.ShowVerbose(string.Create(CultureInfo.InvariantCulture, $"{shot}: poll {attempt} of {operation.Name}, {elapsed.TotalSeconds:0}s since it started."));
        if (_inFlight.TryGetValue(shot, out var child))
        {
            ReportShot(child, shot, string.Create(CultureInfo.InvariantCulture, $"Waiting for Veo ({elapsed.TotalSeconds:0}s)"));
        }
    }

    public void Retrying(ShotKey shot, string step, int failedAttempt, TimeSpan delay, string reason)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{shot}: {step} attempt {failedAttempt} failed ({reason}); retrying in {delay.TotalSeconds:0.#}s.");
        command.ShowVerbose(text);
        // A wait long enough to notice is shown, not left to -Verbose: the run is not stuck, it is waiting.
        if (delay >= NoticeableWait)
        {
            command.ShowWarning(text);
        }

        if (_inFlight.TryGetValue(shot, out var child))
        {
            ReportShot(child, shot, string.Create(CultureInfo.InvariantCulture, $"Waiting {delay.TotalSeconds:0}s to retry the {step} ({reason})"));
        }
    }

    public void WaitingForQuota(StartPacingWait wait)
    {
        var why = wait.Reason == StartPacingReason.QuotaRefused ? "Google refused a start (quota); " : "";
        var text = string.Create(
            CultureInfo.InvariantCulture, $"{why}waiting for the start-request quota until {wait.Until.ToLocalTime():HH:mm:ss} ({wait.RatePerMinute:0.#} starts/min)");
        command.ShowVerbose($"{plan.StoryName}: {text}.");
        Volatile.Write(ref _quotaWait, wait);
        ReportRun();
    }

    public void WaitingForOtherRuns(IReadOnlyList<ShotKey> shots)
    {
        if (Interlocked.Exchange(ref _heldByOthers, shots.Count) != shots.Count)
        {
            command.ShowVerbose($"{plan.StoryName}: waiting for other runs to finish {string.Join(", ", shots)}.");
        }

        ReportRun();
    }

    public void ShotFinished(ShotVideoResult result)
    {
        if (_inFlight.TryRemove(result.Key, out var child))
        {
            Interlocked.Increment(ref _done);
            Interlocked.Exchange(ref _finishedTicks, _elapsed.Elapsed.Ticks);
            command.ShowProgress(new ProgressRecord(child, ShotActivity(result.Key), result.Status.ToString())
            {
                ParentActivityId = RunActivityId,
                RecordType = ProgressRecordType.Completed,
            });
        }

        Interlocked.Add(ref _spentCents, (long)(result.CostUsd * 100));
        if (result.Status == ShotVideoStatus.Generated)
        {
            command.ShowVerbose($"{result.Key}: stored {result.VideoFilePath}.");
        }

        command.WriteResult(result);
        // A failure that hits every shot is reported once, as the command's terminating error, after the run ends.
        if (result.Error is { AffectsEveryShot: false } error)
        {
            Interlocked.Increment(ref _failed);
            command.WriteShotError(error, result.Key);
        }

        ReportRun();
    }

    public void Warning(ShotKey? shot, string message) => command.ShowWarning(message);

    /// <summary>Closes the run's progress bar.</summary>
    public void Complete() =>
        command.ShowProgress(new ProgressRecord(RunActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });

    private void ReportShot(int child, ShotKey shot, string state) =>
        command.ShowProgress(new ProgressRecord(child, ShotActivity(shot), state) { ParentActivityId = RunActivityId });

    // The story is named by the run's record above it.
    private static string ShotActivity(ShotKey shot) => $"{shot.SceneletId} shot {shot.ShotIndex}";

    /// <summary>While the start pacer holds requests back, the run line says so: the run is paced, not stuck.</summary>
    private string QuotaNote() => Volatile.Read(ref _quotaWait) is { } wait && wait.Until > DateTimeOffset.UtcNow
        ? string.Create(CultureInfo.InvariantCulture, $"; quota: next start {wait.Until.ToLocalTime():HH:mm:ss} ({wait.RatePerMinute:0.#}/min)")
        : "";

    private string FailedNote() => Volatile.Read(ref _failed) is > 0 and var failed
        ? string.Create(CultureInfo.InvariantCulture, $"{failed} failed, ")
        : "";

    private string OtherRunsNote() => Volatile.Read(ref _heldByOthers) is > 0 and var held
        ? string.Create(CultureInfo.InvariantCulture, $"; waiting for other runs: {held} shot(s)")
        : "";

    private void ReportRun()
    {
        var toRun = Volatile.Read(ref _toRun);
        var done = Volatile.Read(ref _done);
        var record = new ProgressRecord(
            RunActivityId,
            Activity,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{done}/{toRun} done, {_inFlight.Count} running, {FailedNote()}${Volatile.Read(ref _spentCents) / 100m:0.00} spent{QuotaNote()}{OtherRunsNote()}"))
        {
            PercentComplete = toRun == 0 ? 0 : Math.Min(100, done * 100 / toRun),
        };

        // Time remaining from the pace of finished shots: a guess, shown once one has finished.
        if (done > 0 && done < toRun)
        {
            var perShot = TimeSpan.FromTicks(Volatile.Read(ref _finishedTicks)) / done;
            record.SecondsRemaining = (int)Math.Ceiling((perShot * (toRun - done)).TotalSeconds);
        }

        command.ShowProgress(record);
    }
}
