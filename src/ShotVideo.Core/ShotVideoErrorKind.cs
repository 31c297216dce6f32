namespace ShotVideo;

/// <summary>What kind of failure a <see cref="ShotVideoException"/> is; the PowerShell layer maps it to an ErrorCategory.</summary>
public enum ShotVideoErrorKind
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    AuthenticationError,
    PermissionDenied,
    ResourceUnavailable,
    QuotaExceeded,
    OperationTimeout,
    ConnectionError,
    OperationFailed,
    SecurityError,
}
