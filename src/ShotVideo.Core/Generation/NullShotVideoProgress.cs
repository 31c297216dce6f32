using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Progress sink for callers that want none.</summary>
internal sealed class NullShotVideoProgress : IShotVideoProgress
{
    public static NullShotVideoProgress Instance { get; } = new();

    public void RunStarted(RunPlan plan, int toRun)
    {
    }

    public void ShotStarted(ShotPlan shot)
    {
    }

    public void OperationStarted(ShotKey shot, VideoOperation operation, bool resumed)
    {
    }

    public void Polled(ShotKey shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
    }

    public void Retrying(ShotKey shot, string step, int failedAttempt, TimeSpan delay, string reason)
    {
    }

    public void WaitingForQuota(StartPacingWait wait)
    {
    }

    public void ShotFinished(ShotVideoResult result)
    {
    }

    public void Warning(ShotKey? shot, string message)
    {
    }
}
