using System.Text.Json;

namespace ShotVideo.Veo.Wire;

/// <summary>
/// The Gemini Developer API's Veo wire format. The key travels only in the <c>x-goog-api-key</c> header and only to
/// the configured API origin or Google's own API host. Downloads are redirected to storage hosts with signed URLs;
/// those need no key, and the key is not sent there (a redirect target could be any host).
/// </summary>
internal sealed class GeminiWire(Uri baseUrl, string model, string apiKey) : IVeoWire
{
    private static readonly Uri GoogleApiOrigin = GeminiApiOptions.DefaultBaseUrl;

    public VideoBackend Backend => VideoBackend.GeminiApi;

    public string Model => model;

    public string QuotaKey { get; } = Pacing.StartQuotaKey.ForGeminiApi(apiKey, model);

    public bool VertexRules => false;

    public string CredentialsAdvice => "Check the API key (the -ApiKey parameter or GEMINI_API_KEY) and that the Gemini API is enabled for its project.";

    public IEnumerable<string> Secrets => [apiKey];

    public Uri StartUri { get; } = new(baseUrl, $"models/{Uri.EscapeDataString(model)}:predictLongRunning");

    // The Gemini API always generates audio and rejects generateAudio, so nothing backend-specific is added.
    public byte[] BuildStartBody(VideoGenerationRequest request) => VeoStartBody.Write(request, null);

    public HttpRequestMessage CreatePollRequest(VideoOperation operation) =>
        new(HttpMethod.Get, new Uri(baseUrl, OperationPath(operation.Name)));

    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (OperationJson.SameOrigin(target, baseUrl) || OperationJson.SameOrigin(target, GoogleApiOrigin))
        {
            request.Headers.Add("x-goog-api-key", apiKey);
        }

        return ValueTask.CompletedTask;
    }

    public VeoOperationResult ReadOperation(JsonElement operation)
    {
        if (!OperationJson.IsDone(operation))
        {
            return VeoOperationResult.Pending;
        }

        var response = OperationJson.Child(operation, "response") is { } r ? OperationJson.Child(r, "generateVideoResponse") : null;
        var video = OperationJson.FirstItem(response is { } g ? OperationJson.Child(g, "generatedSamples") : null) is { } sample
            ? OperationJson.Child(sample, "video")
            : null;
        string? uri = OperationJson.String(video, "uri");
        bool inline = OperationJson.HasString(video, "encodedVideo");
        return new VeoOperationResult(true)
        {
            Error = OperationJson.Error(operation),
            FilteredCount = OperationJson.FilteredCount(response),
            FilteredReasons = OperationJson.FilteredReasons(response),
            DownloadUri = uri is null || inline ? null : new Uri(baseUrl, uri),
            InlineProperty = inline ? "encodedVideo" : null,
            MimeType = OperationJson.String(video, "encoding") ?? OperationJson.String(video, "mimeType") ?? "video/mp4",
        };
    }

    public ShotVideoException ModelUnavailable(string serverText)
    {
        string retired = model.EndsWith("-preview", StringComparison.OrdinalIgnoreCase)
            ? " The Gemini API's Veo preview models were reported retired on 2026-10-22; use the Vertex AI backend with the GA model veo-3.1-generate-001."
            : " Check the model name.";
        return ShotVideoErrors.ModelUnavailable($"The Gemini API does not offer model '{model}' to this key ({serverText}).", retired.Trim());
    }

    private static string OperationPath(string name)
    {
        // The name is a relative resource path like models/{model}/operations/{id}; never let it redirect the request elsewhere.
        if (!name.StartsWith("models/", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal) || name.Contains("://", StringComparison.Ordinal))
        {
            throw ShotVideoErrors.InvalidOperationName($"'{name}' is not a Gemini API operation name (models/<model>/operations/<id>).");
        }

        return name;
    }
}
