namespace ShotVideo;

/// <summary>What kind of failure a <see cref="ShotVideoException"/> is; the PowerShell layer maps it to an ErrorCategory.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ShotVideoErrorKind>))]
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
