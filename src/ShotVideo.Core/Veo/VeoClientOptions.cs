namespace ShotVideo.Veo;

/// <summary>Settings shared by the Gemini API and Vertex AI clients.</summary>
public abstract record VeoClientOptions
{
    /// <summary>Model id; null means the backend's default.</summary>
    public string? Model { get; init; }

    /// <summary>Base URL ending in the API version (e.g. <c>https://…/v1beta/</c>); null means the environment variable or Google's.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Time between polls of a running operation.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Overall limit for completing one operation (polling and download); Veo takes 11 s to about 6 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Limit for one HTTP request until its response headers arrive.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public VeoRetryOptions Retry { get; init; } = new();

    /// <summary>Where settings not given here are looked up; tests replace it instead of changing the process environment.</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
