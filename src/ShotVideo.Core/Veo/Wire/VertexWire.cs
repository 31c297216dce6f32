using System.Net.Http.Headers;
using System.Text.Json;

namespace ShotVideo.Veo.Wire;

/// <summary>
/// Vertex AI's Veo wire format: bearer token per request (to the Vertex endpoint and the Cloud Storage host only),
/// an explicit <c>generateAudio</c>, polling by <c>fetchPredictOperation</c>, and clips inline or in Cloud Storage.
/// </summary>
internal sealed class VertexWire(Uri baseUrl, Uri storageBaseUrl, string project, string location, string model,
    string? outputStorageUri, IVertexAccessTokenProvider tokens) : IVeoWire
{
    private string? _lastToken;

    public VideoBackend Backend => VideoBackend.VertexAi;

    public string Model => model;

    public string QuotaKey { get; } = Pacing.StartQuotaKey.ForVertexAi(project, location, model);

    public bool VertexRules => true;

    public string CredentialsAdvice =>
        $"Check Application Default Credentials ('gcloud auth application-default login' or GOOGLE_APPLICATION_CREDENTIALS) and that the account may use Vertex AI in project '{project}'.";

    public IEnumerable<string> Secrets => _lastToken is { } token ? [token] : [];

    public Uri StartUri { get; } = new(baseUrl, $"projects/{project}/locations/{location}/publishers/google/models/{Uri.EscapeDataString(model)}:predictLongRunning");

    public byte[] BuildStartBody(VideoGenerationRequest request) => VeoStartBody.Write(request, json =>
    {
        json.WriteBoolean("generateAudio", request.GenerateAudio);
        if (outputStorageUri is not null)
        {
            json.WriteString("storageUri", outputStorageUri);
        }
    });

    public HttpRequestMessage CreatePollRequest(VideoOperation operation)
    {
        // projects/{p}/locations/{l}/publishers/google/models/{m}/operations/{id}: poll through the model the name carries,
        // so an operation recorded earlier resumes even if today's options name another model.
        int cut = operation.Name.IndexOf("/operations/", StringComparison.Ordinal);
        if (!operation.Name.StartsWith("projects/", StringComparison.Ordinal) || cut < 0 || operation.Name.Contains("..", StringComparison.Ordinal))
        {
            throw ShotVideoErrors.InvalidOperationName($"'{operation.Name}' is not a Vertex AI operation name (projects/…/models/<model>/operations/<id>).");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["operationName"] = operation.Name });
        return new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, operation.Name[..cut] + ":fetchPredictOperation"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
    }

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (!OperationJson.SameOrigin(target, baseUrl) && !OperationJson.SameOrigin(target, storageBaseUrl))
        {
            return;
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        _lastToken = token.Token;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        if (!string.IsNullOrEmpty(token.QuotaProject))
        {
            request.Headers.Add("x-goog-user-project", token.QuotaProject);
        }
    }

    public VeoOperationResult ReadOperation(JsonElement operation)
    {
        if (!OperationJson.IsDone(operation))
        {
            return VeoOperationResult.Pending;
        }

        var response = OperationJson.Child(operation, "response");
        var video = OperationJson.FirstItem(response is { } r ? OperationJson.Child(r, "videos") : null);
        string? gcsUri = OperationJson.String(video, "gcsUri");
        bool inline = OperationJson.HasString(video, "bytesBase64Encoded");
        return new VeoOperationResult(true)
        {
            Error = OperationJson.Error(operation),
            FilteredCount = OperationJson.FilteredCount(response),
            FilteredReasons = OperationJson.FilteredReasons(response),
            DownloadUri = inline || gcsUri is null ? null : StorageDownloadUri(gcsUri),
            InlineProperty = inline ? "bytesBase64Encoded" : null,
            MimeType = OperationJson.String(video, "mimeType") ?? "video/mp4",
        };
    }

    public ShotVideoException ModelUnavailable(string serverText) =>
        ShotVideoErrors.ModelUnavailable(
            $"Vertex AI does not offer model '{model}' in project '{project}', location '{location}' ({serverText}).",
            "Check the model name (e.g. veo-3.1-generate-001), the location, and that the project has access to Veo.");

    /// <summary>gs://bucket/object → the Cloud Storage JSON API media download URL.</summary>
    private Uri StorageDownloadUri(string gcsUri)
    {
        const string prefix = "gs://";
        int slash = gcsUri.IndexOf('/', prefix.Length);
        if (!gcsUri.StartsWith(prefix, StringComparison.Ordinal) || slash < 0 || slash == gcsUri.Length - 1)
        {
            throw ShotVideoErrors.UnexpectedResponse($"Vertex AI returned the storage location '{gcsUri}', which is not gs://bucket/object.");
        }

        string bucket = gcsUri[prefix.Length..slash];
        string objectName = gcsUri[(slash + 1)..];
        return new Uri(storageBaseUrl, $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(objectName)}?alt=media");
    }
}
