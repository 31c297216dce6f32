using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>
/// Receives a run's events for progress bars and verbose logs. Calls come from worker threads, concurrently: an
/// implementation that writes to a single-threaded sink (PowerShell's pipeline) must marshal them.
/// </summary>
public interface IShotVideoProgress
{
    /// <summary>The run begins: <paramref name="toRun"/> of the plan's shots were approved.</summary>
    void RunStarted(RunPlan plan, int toRun);

    /// <summary>An approved shot begins (its claim, then its start request or resume).</summary>
    void ShotStarted(ShotPlan shot);

    /// <summary>Veo accepted a job (or an earlier run's job is being resumed).</summary>
    void OperationStarted(ShotKey shot, VideoOperation operation, bool resumed);

    void Polled(ShotKey shot, VideoOperation operation, int attempt, TimeSpan elapsed);

    /// <summary>A transient failure of <paramref name="step"/> is being retried; <paramref name="failedAttempt"/> counts from 1.</summary>
    void Retrying(ShotKey shot, string step, int failedAttempt, TimeSpan delay, string reason);

    /// <summary>
    /// The next start request waits for the start-request quota (shared with every run that uses it) until
    /// <see cref="StartPacingWait.Until"/>; the run is paced, not stuck.
    /// </summary>
    void WaitingForQuota(StartPacingWait wait);

    /// <summary>The run waits for other live runs to finish <paramref name="shots"/> (<see cref="ShotVideoOptions.WaitForOtherRuns"/>).</summary>
    void WaitingForOtherRuns(IReadOnlyList<ShotKey> shots)
    {
    }

    /// <summary>A shot's result, for every shot of the plan (approved or not).</summary>
    void ShotFinished(ShotVideoResult result);

    /// <summary>Something the operator should know that does not stop the shot (e.g. a clip shorter than asked).</summary>
    void Warning(ShotKey? shot, string message);
}
