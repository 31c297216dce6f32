using System.Net;

namespace ShotVideo.Veo.Http;

/// <summary>
/// A response with a status worth retrying (408, 429, 5xx), thrown inside the retry pipeline so that one Polly
/// pipeline handles both failed responses and failed connections. Escapes only when retries are used up.
/// </summary>
internal sealed class VeoTransientStatusException(HttpStatusCode status, TimeSpan? retryAfter, GoogleErrorBody? error, string bodyText)
    : Exception($"HTTP {(int)status} {status}")
{
    public HttpStatusCode Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public GoogleErrorBody? Error { get; } = error;

    public string BodyText { get; } = bodyText;
}
