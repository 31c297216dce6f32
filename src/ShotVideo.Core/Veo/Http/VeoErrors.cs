using System.Net;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo.Http;

/// <summary>
/// Turns HTTP failures into catalogue errors (<see cref="ShotVideoErrors"/>) that say what happened and what to do.
/// Server messages are quoted, with any secret the client holds blanked out first. A start request that may have
/// reached the server becomes a <see cref="StartUncertainException"/>, which the runner turns into
/// <see cref="VideoStartUncertain"/>.
/// </summary>
internal sealed class VeoErrors(IVeoWire wire, TimeSpan maxRetryAfter)
{
    public Exception FromStatus(
        VeoStep step, HttpStatusCode status, GoogleErrorBody? error, string bodyText, string? operationName, string? host = null, TimeSpan? retryAfter = null)
    {
        string server = Quote(error, bodyText);
        string gaveUp = retryAfter is { } after && after > maxRetryAfter
            ? $"and asked to wait {after.TotalSeconds:0} s, longer than the {maxRetryAfter.TotalSeconds:0} s ShotVideo waits"
            : "and retries did not get through";
        bool keyInvalid = error?.Reasons.Contains("API_KEY_INVALID") == true;
        switch (status)
        {
            case HttpStatusCode.Forbidden when step == VeoStep.Download:
                // A signed storage URL that refuses is not the API key's fault, and the paid operation stays resumable.
                return ShotVideoErrors.ServiceUnavailable(
                    $"The download of operation '{operationName}' from {host ?? "the storage host"} was refused (HTTP 403{server}).");
            case HttpStatusCode.Unauthorized:
            case HttpStatusCode.Forbidden:
            case HttpStatusCode.BadRequest when keyInvalid:
                return ShotVideoErrors.CredentialsRejected(
                    $"{wire.Backend} rejected the credentials (HTTP {(int)status}{server}).", wire.CredentialsAdvice, forbidden: status == HttpStatusCode.Forbidden);
            case HttpStatusCode.NotFound when step == VeoStep.Start:
                return wire.ModelUnavailable($"HTTP 404{server}");
            case HttpStatusCode.NotFound:
                return new OperationGoneException($"{wire.Backend} no longer knows operation '{operationName}' or its video (HTTP 404{server}); results are kept for about 2 days.");
            case HttpStatusCode.BadRequest:
                return ShotVideoErrors.InvalidRequest($"{wire.Backend} rejected the {StepText(step)} as invalid (HTTP 400{server}).");
            case HttpStatusCode.TooManyRequests:
                return ShotVideoErrors.QuotaExhausted($"{wire.Backend} quota for {wire.Model} is exhausted (HTTP 429{server}) {gaveUp}.");
            default:
                if (step == VeoStep.Start && IsServerSide(status))
                {
                    // Google's own UNAVAILABLE body means the API refused the work (see VeoRetryPipeline); anything else may follow an accepted job.
                    return status == HttpStatusCode.ServiceUnavailable && error is not null
                        ? ShotVideoErrors.ServiceUnavailable($"{wire.Backend} refused to start the video (HTTP 503{server}) {gaveUp}; no job was created.")
                        : StartUncertain($"HTTP {(int)status}{server}");
                }

                return IsServerSide(status)
                    ? ShotVideoErrors.ServiceUnavailable(
                        $"{wire.Backend} failed during the {StepText(step)} of operation '{operationName}' (HTTP {(int)status}{server}) {gaveUp}.")
                    : ShotVideoErrors.UnexpectedResponse($"{wire.Backend} answered the {StepText(step)} with HTTP {(int)status}{server}, which ShotVideo does not expect.");
        }
    }

    public Exception FromException(VeoStep step, Exception exception, string? operationName)
    {
        if (exception is VeoTransientStatusException status)
        {
            return FromStatus(step, status.Status, status.Error, status.BodyText, operationName, retryAfter: status.RetryAfter);
        }

        string reason = VeoRetryPipeline.Describe(exception);
        if (step == VeoStep.Start && !VeoRetryPipeline.IsConnectFailure(exception))
        {
            return StartUncertain(reason);
        }

        return ShotVideoErrors.ServiceUnreachable(
            step == VeoStep.Start
                ? $"Could not reach {wire.Backend} to start the video ({reason}); no job was created."
                : $"Could not reach {wire.Backend} during the {StepText(step)} of operation '{operationName}' ({reason}) after retries.",
            exception);
    }

    public Exception Unexpected(VeoStep step, string what) =>
        step == VeoStep.Start
            ? StartUncertain($"the answer was {what}")
            : ShotVideoErrors.UnexpectedResponse($"{wire.Backend} answered the {StepText(step)} with {what}.");

    public string OperationFailed(string operationName, GoogleErrorBody error) =>
        $"{wire.Backend} operation '{operationName}' failed: code {error.Code}{(error.Status.Length > 0 ? " " + error.Status : "")}: {Redact(error.Message)}.";

    private StartUncertainException StartUncertain(string reason) =>
        new($"The start request to {wire.Backend} ({wire.Model}) failed after it may have reached the server ({reason}), so it was not sent again.");

    private string Quote(GoogleErrorBody? error, string bodyText)
    {
        string text = error is null ? "" : $"{error.Status} {error.Message}".Trim();
        if (text.Length == 0 && !bodyText.TrimStart().StartsWith('<'))
        {
            text = bodyText.Trim();
        }

        if (text.Length > 500)
        {
            text = text[..500] + "…";
        }

        text = Redact(text);
        return text.Length == 0 ? "" : ": " + text;
    }

    /// <summary>Blanks out any secret the client holds, in case a server or proxy echoes one back.</summary>
    private string Redact(string text)
    {
        foreach (var secret in wire.Secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static bool IsServerSide(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.RequestTimeout;

    private static string StepText(VeoStep step) => step switch
    {
        VeoStep.Start => "start request",
        VeoStep.Poll => "status poll",
        _ => "download",
    };
}

/// <summary>Inside the runner only: the start request may have reached the server; it becomes <see cref="VideoStartUncertain"/>.</summary>
internal sealed class StartUncertainException(string reason) : Exception(reason);

/// <summary>Inside the runner only: the operation or its video is gone (HTTP 404); it becomes <see cref="VideoExpired"/>.</summary>
internal sealed class OperationGoneException(string reason) : Exception(reason);
