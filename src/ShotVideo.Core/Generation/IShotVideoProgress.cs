using ShotVideo.Database;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>
/// Receives a run's events for progress bars and verbose logs. Calls come from worker threads, concurrently: an
/// implementation that writes to a single-threaded sink (PowerShell's pipeline) must marshal them.
/// </summary>
public interface IShotVideoProgress
{
    /// <summary>The run knows its targeted shots.</summary>
    void RunPlanned(Guid storyId, int totalShots);

    void ShotStarted(ShotRecord shot);

    void ReferenceChosen(ShotRecord shot, ReferenceImageChoice choice);

    /// <summary>Veo accepted a job (or an earlier run's job is being resumed).</summary>
    void OperationStarted(ShotRecord shot, VideoOperation operation, bool resumed);

    void Polled(ShotRecord shot, VideoOperation operation, int attempt, TimeSpan elapsed);

    /// <summary>A transient failure is being retried.</summary>
    void Retrying(ShotRecord shot, string step, int attempt, TimeSpan delay, string reason);

    void ShotFinished(ShotVideoResult result);

    /// <summary>Something the operator should know that does not stop the shot (e.g. a design without an image yet).</summary>
    void Warning(ShotRecord? shot, string message);
}
