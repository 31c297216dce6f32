using ShotVideo.Database;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Progress sink for callers that want none.</summary>
internal sealed class NullShotVideoProgress : IShotVideoProgress
{
    public static NullShotVideoProgress Instance { get; } = new();

    public void RunPlanned(Guid storyId, int totalShots)
    {
    }

    public void ShotStarted(ShotRecord shot)
    {
    }

    public void ReferenceChosen(ShotRecord shot, ReferenceImageChoice choice)
    {
    }

    public void OperationStarted(ShotRecord shot, VideoOperation operation, bool resumed)
    {
    }

    public void Polled(ShotRecord shot, VideoOperation operation, int attempt, TimeSpan elapsed)
    {
    }

    public void Retrying(ShotRecord shot, string step, int attempt, TimeSpan delay, string reason)
    {
    }

    public void ShotFinished(ShotVideoResult result)
    {
    }

    public void Warning(ShotRecord? shot, string message)
    {
    }
}
