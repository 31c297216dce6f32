using System.Text.RegularExpressions;
using ShotVideo.Veo.Http;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo;

/// <summary>Veo through Vertex AI (Application Default Credentials); clips are silent unless audio is asked for.</summary>
public sealed partial class VertexAiVideoGenerator : IVideoGenerator
{
    public const string BackendName = "VertexAi";
    public const string ProjectVariable = "GOOGLE_CLOUD_PROJECT";
    public const string LocationVariable = "GOOGLE_CLOUD_LOCATION";
    public const string BaseUrlVariable = "SHOTVIDEO_VERTEX_BASE_URL";

    private readonly VeoJobRunner _runner;

    public VertexAiVideoGenerator(VertexAiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? project = Pick(options.Project, options.GetEnvironmentVariable(ProjectVariable));
        if (project is null || !ResourceId().IsMatch(project))
        {
            throw new ShotVideoException("ShotVideoProjectMissing", ShotVideoErrorKind.InvalidArgument,
                project is null
                    ? $"No Google Cloud project was given for Vertex AI. Pass -Project or set {ProjectVariable}."
                    : $"'{project}' is not a Google Cloud project id. Pass -Project or set {ProjectVariable}.")
            { AffectsEveryShot = true };
        }

        string location = Pick(options.Location, options.GetEnvironmentVariable(LocationVariable)) ?? VertexAiOptions.DefaultLocation;
        if (!ResourceId().IsMatch(location))
        {
            throw new ShotVideoException("ShotVideoInvalidLocation", ShotVideoErrorKind.InvalidArgument,
                $"'{location}' is not a Vertex AI location such as us-central1 or global.")
            { AffectsEveryShot = true };
        }

        if (options.OutputStorageUri is { } storage && !storage.StartsWith("gs://", StringComparison.Ordinal))
        {
            throw new ShotVideoException("ShotVideoInvalidStorageUri", ShotVideoErrorKind.InvalidArgument,
                $"The output storage URI '{storage}' must start with gs://.");
        }

        Model = Pick(options.Model, null) ?? VertexAiOptions.DefaultModel;
        var defaultBase = new Uri(location == "global"
            ? "https://aiplatform.googleapis.com/v1/"
            : $"https://{location}-aiplatform.googleapis.com/v1/");
        var baseUrl = VeoBaseUrl.Resolve(options.BaseUrl, options.GetEnvironmentVariable(BaseUrlVariable), defaultBase, BaseUrlVariable);
        var storageBase = VeoBaseUrl.Resolve(options.StorageBaseUrl, null, VertexAiOptions.DefaultStorageBaseUrl, nameof(options.StorageBaseUrl));
        var tokens = options.TokenProvider ?? new ApplicationDefaultCredentialsTokenProvider();
        var wire = new VertexWire(baseUrl, storageBase, project, location, Model, options.OutputStorageUri, tokens);
        StartUri = wire.StartUri;
        _runner = new VeoJobRunner(wire, options);
    }

    /// <summary>Where start requests go (for tests of the endpoint choice).</summary>
    internal Uri StartUri { get; }

    public string Backend => BackendName;

    public string Model { get; }

    public Task<VideoOperation> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.StartAsync(request, observer, cancellationToken);

    public Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.CompleteAsync(operation, destination, observer, cancellationToken);

    public decimal? EstimateCostUsd(VideoGenerationRequest request) => VeoPriceTable.EstimateCost(Model, request.DurationSeconds, request.GenerateAudio);

    public void Dispose() => _runner.Dispose();

    private static string? Pick(string? option, string? environment) =>
        !string.IsNullOrWhiteSpace(option) ? option.Trim() : !string.IsNullOrWhiteSpace(environment) ? environment.Trim() : null;

    // Project ids and locations are lower-case letters, digits and hyphens; anything else could bend the request path.
    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$")]
    private static partial Regex ResourceId();
}
