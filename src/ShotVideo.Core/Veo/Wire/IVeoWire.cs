using System.Text.Json;

namespace ShotVideo.Veo.Wire;

/// <summary>One backend's wire format and authentication; the shared request, retry and polling logic lives in the job runner.</summary>
internal interface IVeoWire
{
    VideoBackend Backend { get; }

    string Model { get; }

    /// <summary>The start-request quota this backend, account and model count against (see <see cref="Pacing.StartQuotaKey"/>).</summary>
    string QuotaKey { get; }

    /// <summary>Whether Vertex AI's extra input limits apply.</summary>
    bool VertexRules { get; }

    /// <summary>What the user should check when credentials are rejected.</summary>
    string CredentialsAdvice { get; }

    /// <summary>Secrets in use, to blank out of any quoted server text.</summary>
    IEnumerable<string> Secrets { get; }

    Uri StartUri { get; }

    byte[] BuildStartBody(VideoGenerationRequest request);

    HttpRequestMessage CreatePollRequest(VideoOperation operation);

    /// <summary>Adds credentials when the request goes to a host this backend trusts with them; otherwise leaves it bare.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Reads a polled operation (the <c>name</c>/<c>done</c>/<c>error</c>/<c>response</c> object).</summary>
    VeoOperationResult ReadOperation(JsonElement operation);

    ShotVideoException ModelUnavailable(string serverText);
}
