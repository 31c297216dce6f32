namespace ShotVideo.Testing.FakeVeo;

/// <summary>One scripted misbehaviour for the next request of a kind (see <see cref="FakeVeoScript.Enqueue"/>).</summary>
public sealed record FakeVeoFault
{
    private FakeVeoFault(FakeVeoFaultKind kind) => Kind = kind;

    public FakeVeoFaultKind Kind { get; }

    /// <summary>For <see cref="FakeVeoFaultKind.Status"/>: the HTTP status sent.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Google's status word in the error body (e.g. RESOURCE_EXHAUSTED); null sends a bare, non-Google body.</summary>
    public string? GoogleStatus { get; private init; }

    public string Message { get; private init; } = "";

    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>For <see cref="FakeVeoFaultKind.Delay"/>: how long to wait before answering normally.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>For a dropped start request: whether the job was created before the connection dropped.</summary>
    public bool AcceptBeforeDrop { get; private init; }

    /// <summary>An error response. With <paramref name="googleStatus"/> the body is Google's error envelope.</summary>
    public static FakeVeoFault Status(int statusCode, string? googleStatus, string message = "fake failure", TimeSpan? retryAfter = null) =>
        new(FakeVeoFaultKind.Status) { StatusCode = statusCode, GoogleStatus = googleStatus, Message = message, RetryAfter = retryAfter };

    /// <summary>429 RESOURCE_EXHAUSTED, optionally with Retry-After (whole seconds).</summary>
    public static FakeVeoFault TooManyRequests(TimeSpan? retryAfter = null) =>
        Status(429, "RESOURCE_EXHAUSTED", "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model.", retryAfter);

    /// <summary>503 UNAVAILABLE with Google's error body (the API itself refused the work).</summary>
    public static FakeVeoFault Unavailable() => Status(503, "UNAVAILABLE", "The service is currently unavailable.");

    /// <summary>500 INTERNAL with Google's error body.</summary>
    public static FakeVeoFault Internal() => Status(500, "INTERNAL", "Internal error encountered.");

    /// <summary>Reads the request, then drops the connection without answering. A start request is accepted (job created) first unless told otherwise.</summary>
    public static FakeVeoFault DropConnection(bool acceptBeforeDrop = true) =>
        new(FakeVeoFaultKind.DropConnection) { AcceptBeforeDrop = acceptBeforeDrop };

    /// <summary>Downloads: sends the headers and half the clip, then drops the connection.</summary>
    public static FakeVeoFault DropMidBody() => new(FakeVeoFaultKind.DropMidBody);

    /// <summary>Answers normally after <paramref name="delay"/>.</summary>
    public static FakeVeoFault Slow(TimeSpan delay) => new(FakeVeoFaultKind.Delay) { Delay = delay };
}
