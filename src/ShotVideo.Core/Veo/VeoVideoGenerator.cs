using System.Text.RegularExpressions;
using ShotVideo.Veo.Http;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo;

/// <summary>
/// Veo 3.1 over REST, through the Gemini Developer API (API key; always with audio) or Vertex AI (Application Default
/// Credentials; silent unless audio is asked for). One client over two wire formats: the backend's
/// <see cref="IVeoWire"/> supplies URLs, bodies, credentials and result parsing; <see cref="VeoJobRunner"/> the rest.
/// </summary>
public sealed partial class VeoVideoGenerator : IVideoGenerator
{
    private readonly IVeoWire _wire;
    private readonly VeoJobRunner _runner;

    private VeoVideoGenerator(IVeoWire wire, VeoClientOptions options)
    {
        _wire = wire;
        _runner = new VeoJobRunner(wire, options);
    }

    public VideoBackend Backend => _wire.Backend;

    public string Model => _wire.Model;

    public string QuotaKey => _wire.QuotaKey;

    /// <summary>Where start requests go (for tests of the endpoint choice).</summary>
    internal Uri StartUri => _wire.StartUri;

    /// <summary>The Gemini Developer API with the option's key, else <c>GEMINI_API_KEY</c>.</summary>
    public static VeoVideoGenerator ForGeminiApi(GeminiApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = Pick(options.ApiKey, options.GetEnvironmentVariable(GeminiApiOptions.ApiKeyVariable))
            ?? throw ShotVideoErrors.CredentialsMissing(
                "No Gemini API key was given.", $"Pass -ApiKey or set {GeminiApiOptions.ApiKeyVariable}.");
        var model = Pick(options.Model, null) ?? GeminiApiOptions.DefaultModel;
        var baseUrl = VeoBaseUrl.Resolve(
            options.BaseUrl, options.GetEnvironmentVariable(GeminiApiOptions.BaseUrlVariable), GeminiApiOptions.DefaultBaseUrl, GeminiApiOptions.BaseUrlVariable, VeoBaseUrl.GeminiVersion);
        return new VeoVideoGenerator(new GeminiWire(baseUrl, model, key), options);
    }

    /// <summary>Vertex AI in the option's project and location, else <c>GOOGLE_CLOUD_PROJECT</c> and <c>GOOGLE_CLOUD_LOCATION</c>.</summary>
    public static VeoVideoGenerator ForVertexAi(VertexAiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var project = Pick(options.Project, options.GetEnvironmentVariable(VertexAiOptions.ProjectVariable));
        if (project is null || !ResourceId().IsMatch(project))
        {
            throw ShotVideoErrors.ProjectMissing(
                project is null ? "No Google Cloud project was given for Vertex AI." : $"'{project}' is not a Google Cloud project id.",
                VertexAiOptions.ProjectVariable);
        }

        var location = Pick(options.Location, options.GetEnvironmentVariable(VertexAiOptions.LocationVariable)) ?? VertexAiOptions.DefaultLocation;
        if (!ResourceId().IsMatch(location))
        {
            throw ShotVideoErrors.InvalidLocation(location);
        }

        if (options.OutputStorageUri is { } storage && !storage.StartsWith("gs://", StringComparison.Ordinal))
        {
            throw ShotVideoErrors.InvalidStorageUri(storage);
        }

        var model = Pick(options.Model, null) ?? VertexAiOptions.DefaultModel;
        var defaultBase = new Uri(location == "global" ? "https://aiplatform.googleapis.com/v1/" : $"https://{location}-aiplatform.googleapis.com/v1/");
        var baseUrl = VeoBaseUrl.Resolve(
            options.BaseUrl, options.GetEnvironmentVariable(VertexAiOptions.BaseUrlVariable), defaultBase, VertexAiOptions.BaseUrlVariable, VeoBaseUrl.VertexVersion);
        var storageBase = VeoBaseUrl.Resolve(options.StorageBaseUrl, null, VertexAiOptions.DefaultStorageBaseUrl, nameof(options.StorageBaseUrl));
        var tokens = options.TokenProvider ?? new ApplicationDefaultCredentialsTokenProvider();
        return new VeoVideoGenerator(new VertexWire(baseUrl, storageBase, project, location, model, options.OutputStorageUri, tokens), options);
    }

    public Task<StartOutcome> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.StartAsync(request, observer, cancellationToken);

    public Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.CompleteAsync(operation, destination, observer, cancellationToken);

    /// <summary>The Gemini API cannot turn audio off, so it is always priced with audio; Vertex AI as asked.</summary>
    public decimal? EstimateCostUsd(VideoGenerationRequest request) =>
        VeoPriceTable.EstimateCost(Model, request.DurationSeconds, withAudio: Backend == VideoBackend.GeminiApi || request.GenerateAudio);

    public void Dispose() => _runner.Dispose();

    private static string? Pick(string? option, string? environment) =>
        !string.IsNullOrWhiteSpace(option) ? option.Trim() : !string.IsNullOrWhiteSpace(environment) ? environment.Trim() : null;

    // Project ids and locations are lower-case letters, digits and hyphens; anything else could bend the request path.
    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$")]
    private static partial Regex ResourceId();
}
