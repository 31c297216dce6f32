using System.Net;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo.Http;

/// <summary>
/// Turns HTTP failures into <see cref="ShotVideoException"/>s that say what happened and what to do. Server messages
/// are quoted, with any secret the client holds blanked out first.
/// </summary>
internal sealed class VeoErrors(IVeoWire wire)
{
    public ShotVideoException FromStatus(VeoStep step, HttpStatusCode status, GoogleErrorBody? error, string bodyText, string? operationName)
    {
        string server = Quote(error, bodyText);
        bool keyInvalid = error?.Reasons.Contains("API_KEY_INVALID") == true;
        switch (status)
        {
            case HttpStatusCode.Unauthorized:
            case HttpStatusCode.Forbidden:
            case HttpStatusCode.BadRequest when keyInvalid:
                return new ShotVideoException("ShotVideoCredentialsRejected",
                    status == HttpStatusCode.Forbidden ? ShotVideoErrorKind.PermissionDenied : ShotVideoErrorKind.AuthenticationError,
                    $"{wire.Backend} rejected the credentials (HTTP {(int)status}{server}). {wire.CredentialsAdvice}")
                { AffectsEveryShot = true };
            case HttpStatusCode.NotFound when step == VeoStep.Start:
                return wire.ModelUnavailable($"HTTP 404{server}");
            case HttpStatusCode.NotFound:
                return new ShotVideoException("ShotVideoOperationNotFound", ShotVideoErrorKind.ObjectNotFound,
                    $"{wire.Backend} no longer knows operation '{operationName}' or its video (HTTP 404{server}). Results are kept for 2 days; generate the shot again.");
            case HttpStatusCode.BadRequest:
                return new ShotVideoException("ShotVideoInvalidRequest", ShotVideoErrorKind.InvalidArgument,
                    $"{wire.Backend} rejected the {StepText(step)} as invalid (HTTP 400{server}). Fix the shot's prompt, reference images or generation options.");
            case HttpStatusCode.TooManyRequests:
                return new ShotVideoException("ShotVideoQuotaExhausted", ShotVideoErrorKind.QuotaExceeded,
                    $"{wire.Backend} quota for {wire.Model} is exhausted (HTTP 429{server}) and retries did not get through. Wait and run again, lower the throttle limit, or raise the project's quota.")
                { AffectsEveryShot = true };
            default:
                if (step == VeoStep.Start && IsServerSide(status))
                {
                    // Google's own UNAVAILABLE body means the API refused the work (see VeoRetryPipeline); anything else may follow an accepted job.
                    return status == HttpStatusCode.ServiceUnavailable && error is not null
                        ? new ShotVideoException("ShotVideoServiceUnavailable", ShotVideoErrorKind.ResourceUnavailable,
                            $"{wire.Backend} kept refusing to start the video (HTTP 503{server}) after retries; no job was created. Run again later.")
                        : StartUncertain($"HTTP {(int)status}{server}");
                }

                return IsServerSide(status)
                    ? new ShotVideoException("ShotVideoServiceUnavailable", ShotVideoErrorKind.ResourceUnavailable,
                        $"{wire.Backend} kept failing during the {StepText(step)} of operation '{operationName}' (HTTP {(int)status}{server}) after retries. Run again later; the operation can be resumed for 2 days.")
                    : new ShotVideoException("ShotVideoUnexpectedResponse", ShotVideoErrorKind.InvalidData,
                        $"{wire.Backend} answered the {StepText(step)} with HTTP {(int)status}{server}, which ShotVideo does not expect. Check the base URL and any proxy in between.");
        }
    }

    public ShotVideoException FromException(VeoStep step, Exception exception, string? operationName)
    {
        if (exception is VeoTransientStatusException status)
        {
            return FromStatus(step, status.Status, status.Error, status.BodyText, operationName);
        }

        string reason = VeoRetryPipeline.Describe(exception);
        if (step == VeoStep.Start && !VeoRetryPipeline.IsConnectFailure(exception))
        {
            return StartUncertain(reason);
        }

        return new ShotVideoException("ShotVideoServiceUnreachable", ShotVideoErrorKind.ConnectionError,
            step == VeoStep.Start
                ? $"Could not reach {wire.Backend} to start the video ({reason}); no job was created. Check the network, proxy and base URL, then run again."
                : $"Could not reach {wire.Backend} during the {StepText(step)} of operation '{operationName}' ({reason}) after retries. Run again later; the operation can be resumed for 2 days.",
            exception);
    }

    public ShotVideoException Unexpected(VeoStep step, string what) =>
        new("ShotVideoUnexpectedResponse", ShotVideoErrorKind.InvalidData,
            $"{wire.Backend} answered the {StepText(step)} with {what}. Check the base URL and any proxy in between.");

    private ShotVideoException StartUncertain(string reason) =>
        new("ShotVideoStartUncertain", ShotVideoErrorKind.ConnectionError,
            $"The start request to {wire.Backend} ({wire.Model}) failed after it may have reached the server ({reason}), so it was not sent again: a video job may have been created and billed. Check the project's recent operations before generating this shot again.");

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

    public ShotVideoException OperationFailed(string operationName, GoogleErrorBody error) =>
        new("ShotVideoOperationFailed", ShotVideoErrorKind.OperationFailed,
            $"{wire.Backend} operation '{operationName}' failed: code {error.Code}{(error.Status.Length > 0 ? " " + error.Status : "")}: {Redact(error.Message)}. "
            + "Check the shot's prompt and reference images, then generate it again.");

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
