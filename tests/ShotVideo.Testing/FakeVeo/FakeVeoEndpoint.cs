namespace ShotVideo.Testing.FakeVeo;

/// <summary>The kinds of request the fake Veo service answers; faults are scripted per kind.</summary>
public enum FakeVeoEndpoint
{
    /// <summary><c>predictLongRunning</c> on either backend.</summary>
    Start,

    /// <summary>Gemini <c>GET operations/…</c> or Vertex <c>fetchPredictOperation</c>.</summary>
    Poll,

    /// <summary>Gemini file download, its redirect target, or the Cloud Storage media download.</summary>
    Download,
}
