using ShotVideo.Veo.Http;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo;

/// <summary>Veo through the Gemini Developer API (API key). The Gemini API always generates audio.</summary>
public sealed class GeminiApiVideoGenerator : IVideoGenerator
{
    public const string BackendName = "GeminiApi";
    public const string ApiKeyVariable = "GEMINI_API_KEY";
    public const string BaseUrlVariable = "SHOTVIDEO_GEMINI_BASE_URL";

    private readonly VeoJobRunner _runner;

    public GeminiApiVideoGenerator(GeminiApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? key = options.ApiKey ?? options.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ShotVideoException("ShotVideoCredentialsMissing", ShotVideoErrorKind.AuthenticationError,
                $"No Gemini API key was given. Pass -ApiKey or set {ApiKeyVariable}.")
            { AffectsEveryShot = true };
        }

        Model = string.IsNullOrWhiteSpace(options.Model) ? GeminiApiOptions.DefaultModel : options.Model;
        var baseUrl = VeoBaseUrl.Resolve(options.BaseUrl, options.GetEnvironmentVariable(BaseUrlVariable), GeminiApiOptions.DefaultBaseUrl, BaseUrlVariable);
        _runner = new VeoJobRunner(new GeminiWire(baseUrl, Model, key.Trim()), options);
    }

    public string Backend => BackendName;

    public string Model { get; }

    public Task<VideoOperation> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.StartAsync(request, observer, cancellationToken);

    public Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken) =>
        _runner.CompleteAsync(operation, destination, observer, cancellationToken);

    // The Gemini API cannot turn audio off, so it is always priced with audio.
    public decimal? EstimateCostUsd(VideoGenerationRequest request) => VeoPriceTable.EstimateCost(Model, request.DurationSeconds, withAudio: true);

    public void Dispose() => _runner.Dispose();
}
