namespace ShotVideo.Veo;

/// <summary>Settings for Veo through the Gemini Developer API (<see cref="VeoVideoGenerator.ForGeminiApi"/>).</summary>
public sealed record GeminiApiOptions : VeoClientOptions
{
    public const string DefaultModel = "veo-3.1-generate-preview";

    public const string ApiKeyVariable = "GEMINI_API_KEY";

    public const string BaseUrlVariable = "SHOTVIDEO_GEMINI_BASE_URL";

    public static readonly Uri DefaultBaseUrl = new("https://generativelanguage.googleapis.com/v1beta/");

    /// <summary>API key; null means <c>GEMINI_API_KEY</c>. Sent only in the <c>x-goog-api-key</c> header.</summary>
    public string? ApiKey { get; init; }

    // The key is a secret: keep it out of ToString() (records print every property by default).
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Model = {Model}, BaseUrl = {BaseUrl}, ApiKey = {(ApiKey is null ? "null" : "***")}");
        return true;
    }
}
