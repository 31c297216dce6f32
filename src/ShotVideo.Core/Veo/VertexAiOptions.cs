namespace ShotVideo.Veo;

/// <summary>Settings for Veo through Vertex AI (<see cref="VeoVideoGenerator.ForVertexAi"/>).</summary>
public sealed record VertexAiOptions : VeoClientOptions
{
    public const string DefaultModel = "veo-3.1-generate-001";

    public const string ProjectVariable = "GOOGLE_CLOUD_PROJECT";

    public const string LocationVariable = "GOOGLE_CLOUD_LOCATION";

    public const string BaseUrlVariable = "SHOTVIDEO_VERTEX_BASE_URL";

    public const string DefaultLocation = "us-central1";

    public static readonly Uri DefaultStorageBaseUrl = new("https://storage.googleapis.com/");

    /// <summary>Google Cloud project id; null means <c>GOOGLE_CLOUD_PROJECT</c>.</summary>
    public string? Project { get; init; }

    /// <summary>Region; null means <c>GOOGLE_CLOUD_LOCATION</c>, then us-central1. <c>global</c> uses aiplatform.googleapis.com.</summary>
    public string? Location { get; init; }

    /// <summary>Optional <c>gs://bucket/prefix</c> for outputs; without it the clip comes back inline in the operation.</summary>
    public string? OutputStorageUri { get; init; }

    /// <summary>Cloud Storage JSON API base for <c>gcsUri</c> downloads (overridable for tests).</summary>
    public Uri StorageBaseUrl { get; init; } = DefaultStorageBaseUrl;

    /// <summary>Token source; null means Application Default Credentials.</summary>
    public IVertexAccessTokenProvider? TokenProvider { get; init; }
}
