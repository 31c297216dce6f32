using System.Management.Automation;

namespace ShotVideo.PowerShell.Errors;

/// <summary>Turns a <see cref="ShotVideoException"/> into the ErrorRecord PowerShell users see and match on.</summary>
internal static class ShotVideoErrorRecords
{
    /// <summary>
    /// The record carries the exception's PascalCase id, the category its kind maps to and, as target object,
    /// <paramref name="target"/> (the cmdlet passes the shot it was working on) or else what the exception names: the
    /// shot as "story/scenelet/shot", or the story id.
    /// </summary>
    public static ErrorRecord Create(ShotVideoException exception, object? target = null)
    {
        return new ErrorRecord(exception, exception.ErrorId, Category(exception.Kind), target ?? TargetOf(exception));
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

    private static object? TargetOf(ShotVideoException exception)
    {
        if (exception.StoryId is { } storyId && exception.SceneletId is { } sceneletId && exception.ShotIndex is { } shotIndex)
        {
            return $"{storyId}/{sceneletId}/{shotIndex}";
        }

        return exception.StoryId;
    }
}
