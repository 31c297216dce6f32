using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Forwards a generator's poll and retry events to the run's progress sink, naming the shot.</summary>
internal sealed class ShotProgressObserver(ShotKey shot, IShotVideoProgress progress) : IVideoGenerationObserver
{
    public void Polled(VideoOperation operation, int attempt, TimeSpan elapsed, bool done) =>
        progress.Polled(shot, operation, attempt, elapsed);

    public void Retrying(string step, int failedAttempt, TimeSpan delay, string reason) =>
        progress.Retrying(shot, step, failedAttempt, delay, reason);
}
