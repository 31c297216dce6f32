using ShotVideo.Database;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Forwards a generator's poll and retry events to the run's progress sink, naming the shot.</summary>
internal sealed class ShotProgressObserver(ShotRecord shot, IShotVideoProgress progress) : IVideoGenerationObserver
{
    public void Polled(VideoOperation operation, int attempt, TimeSpan elapsed, bool done) =>
        progress.Polled(shot, operation, attempt, elapsed);

    public void Retrying(string step, int attempt, TimeSpan delay, string reason) =>
        progress.Retrying(shot, step, attempt, delay, reason);
}
