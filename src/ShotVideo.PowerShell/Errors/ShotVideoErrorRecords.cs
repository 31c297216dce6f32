using System.Management.Automation;

namespace ShotVideo.PowerShell.Errors;

/// <summary>Turns a <see cref="ShotVideoException"/> into the ErrorRecord PowerShell users see and match on.</summary>
internal static class ShotVideoErrorRecords
{
    /// <summary>
    /// The record carries the exception's PascalCase id, the category its kind maps to, its recommended action and, as
    /// target object, <paramref name="target"/> or else what the exception names: the shot's <see cref="ShotKey"/>, or the story id.
    /// </summary>
    public static ErrorRecord Create(ShotVideoException exception, object? target = null)
    {
        var record = new ErrorRecord(exception, exception.ErrorId, Category(exception.Kind), target ?? (object?)exception.Shot ?? exception.StoryId);
        if (exception.RecommendedAction is { } action)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
        }

        return record;
    }

    public static ErrorCategory Category(ShotVideoErrorKind kind) => kind switch
    {
        ShotVideoErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ShotVideoErrorKind.InvalidData => ErrorCategory.InvalidData,
        ShotVideoErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ShotVideoErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        ShotVideoErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ShotVideoErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ShotVideoErrorKind.QuotaExceeded => ErrorCategory.QuotaExceeded,
        ShotVideoErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ShotVideoErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        ShotVideoErrorKind.OperationFailed => ErrorCategory.InvalidOperation,
        ShotVideoErrorKind.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
