namespace ShotVideo.Veo;

/// <summary>Which service makes the clips.</summary>
public enum VideoBackend
{
    /// <summary>Google's Gemini Developer API (API key).</summary>
    GeminiApi,

    /// <summary>Vertex AI (a Google Cloud project and Application Default Credentials).</summary>
    VertexAi,

    /// <summary>Offline: every shot gets the same small placeholder clip, free.</summary>
    Stub,
}
