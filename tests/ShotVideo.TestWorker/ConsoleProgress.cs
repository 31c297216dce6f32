using ShotVideo.Generation;
using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.TestWorker;

/// <summary>
/// Prints the events a caller watches for, one line each: <c>operation</c> when Veo accepted (or the run resumed) a job,
/// <c>shot</c> when a shot is finished. Console.Out is synchronised, so lines from worker threads do not interleave.
/// </summary>
internal sealed class ConsoleProgress : IShotVideoProgress
{
    public void RunStarted(RunPlan plan, int toRun) => Console.WriteLine($"planned {plan.Shots.Count} approved {toRun}");

    public void ShotStarted(ShotPlan shot)
    {
    }

    public void OperationStarted(ShotKey shot, VideoOperation operation, bool resumed) =>
        Console.WriteLine($"operation {Key(shot)} {(resumed ? "resumed" : "started")} {operation.Name}");

    public void Polled(ShotKey shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
    }

    public void Retrying(ShotKey shot, string step, int failedAttempt, TimeSpan delay, string reason) =>
        Console.WriteLine($"retry {Key(shot)} {step} {failedAttempt}");

    public void WaitingForQuota(StartPacingWait wait) => Console.WriteLine($"quota-wait {wait.Reason} {wait.RatePerMinute:0.#}");

    public void ShotFinished(ShotVideoResult result) => Console.WriteLine(ResultLine.Format(result));

    public void Warning(ShotKey? shot, string message)
    {
    }

    private static string Key(ShotKey shot) => $"{shot.SceneletId}#{shot.ShotIndex}";
}
