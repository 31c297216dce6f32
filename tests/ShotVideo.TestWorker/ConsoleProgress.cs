using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.TestWorker;

/// <summary>
/// Prints the events a caller watches for, one line each: <c>operation</c> when Veo accepted (or the run resumed) a job,
/// <c>shot</c> when a shot is finished. Console.Out is synchronised, so lines from worker threads do not interleave.
/// </summary>
internal sealed class ConsoleProgress : IShotVideoProgress
{
    public void RunPlanned(Guid storyId, int totalShots) => Console.WriteLine($"planned {totalShots}");

    public void ShotStarted(ShotRecord shot)
    {
    }

    public void ReferenceChosen(ShotRecord shot, ReferenceImageChoice choice)
    {
    }

    public void OperationStarted(ShotRecord shot, VideoOperation operation, bool resumed) =>
        Console.WriteLine($"operation {Key(shot)} {(resumed ? "resumed" : "started")} {operation.Name}");

    public void Polled(ShotRecord shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
    }

    public void Retrying(ShotRecord shot, string step, int attempt, TimeSpan delay, string reason) =>
        Console.WriteLine($"retry {Key(shot)} {step} {attempt}");

    public void ShotFinished(ShotVideoResult result) => Console.WriteLine(ResultLine.Format(result));

    public void Warning(ShotRecord? shot, string message)
    {
    }

    private static string Key(ShotRecord shot) => $"{shot.SceneletId}#{shot.ShotIndex}";
}
