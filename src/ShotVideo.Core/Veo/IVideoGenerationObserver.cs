namespace ShotVideo.Veo;

/// <summary>Receives progress from a video generator, for verbose logs. Calls may come from any thread.</summary>
public interface IVideoGenerationObserver
{
    /// <summary>An operation was polled: the 1-based poll attempt, time since completion started, and whether it is done.</summary>
    void Polled(VideoOperation operation, int attempt, TimeSpan elapsed, bool done);

    /// <summary>
    /// A transient failure is being retried after <paramref name="delay"/>: <paramref name="attempt"/> is the 1-based number of
    /// the attempt about to be made (2 for the first retry); <paramref name="step"/> is start, poll or download.
    /// </summary>
    void Retrying(string step, int attempt, TimeSpan delay, string reason);
}
