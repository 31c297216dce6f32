namespace ShotVideo.Veo;

/// <summary>Receives progress from a video generator, for verbose logs. Calls may come from any thread.</summary>
public interface IVideoGenerationObserver
{
    /// <summary>An operation was polled: the 1-based poll attempt, time since completion started, and whether it is done.</summary>
    void Polled(VideoOperation operation, int attempt, TimeSpan elapsed, bool done);

    /// <summary>
    /// A transient failure of <paramref name="step"/> (start, poll or download) is retried after <paramref name="delay"/>:
    /// <paramref name="failedAttempt"/> is the 1-based number of the attempt that failed.
    /// </summary>
    void Retrying(string step, int failedAttempt, TimeSpan delay, string reason);
}
