namespace ShotVideo.Veo;

/// <summary>What an operator chose for a run; anything left null comes from the environment or the backend's default.</summary>
public sealed record VideoGeneratorSettings
{
    /// <summary>Null: Gemini API when GEMINI_API_KEY is set, else Vertex AI when GOOGLE_CLOUD_PROJECT is set, else an error.</summary>
    public VideoBackend? Backend { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    public string? Project { get; init; }

    public string? Location { get; init; }

    public TimeSpan? PollInterval { get; init; }

    /// <summary>The longest Retry-After honoured (see <see cref="VeoRetryOptions.MaxRetryAfter"/>); null keeps the default.</summary>
    public TimeSpan? MaxRetryAfter { get; init; }
}
