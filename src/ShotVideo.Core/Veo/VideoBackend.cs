namespace ShotVideo.Veo;

/// <summary>Which service makes the clips.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<VideoBackend>))]
public enum VideoBackend
{
    /// <summary>Google's Gemini Developer API (API key).</summary>
    GeminiApi,

    /// <summary>Vertex AI (a Google Cloud project and Application Default Credentials).</summary>
    VertexAi,

    /// <summary>Offline: every shot gets the same small placeholder clip, free.</summary>
    Stub,
}
