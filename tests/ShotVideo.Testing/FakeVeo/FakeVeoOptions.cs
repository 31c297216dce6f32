namespace ShotVideo.Testing.FakeVeo;

/// <summary>Credentials and models the fake service accepts.</summary>
public sealed record FakeVeoOptions
{
    /// <summary>The only Gemini API key accepted (in <c>x-goog-api-key</c>).</summary>
    public string ApiKey { get; init; } = "fake-gemini-key-7f3a9c21d4";

    /// <summary>The only Vertex AI bearer token accepted.</summary>
    public string VertexToken { get; init; } = "fake-vertex-token-b81e5d60aa";

    /// <summary>Models the Gemini endpoints know; others answer 404 like a retired or unknown model.</summary>
    public IReadOnlyCollection<string> GeminiModels { get; init; } = ["veo-3.1-generate-preview", "veo-3.1-fast-generate-preview"];

    public IReadOnlyCollection<string> VertexModels { get; init; } = ["veo-3.1-generate-001", "veo-3.1-fast-generate-001"];
}
