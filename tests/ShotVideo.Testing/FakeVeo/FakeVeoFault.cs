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

    /// <summary>
    /// For <see cref="FakeVeoFaultKind.Delay"/>: how long to wait before answering normally; for
    /// <see cref="FakeVeoFaultKind.SlowBody"/>: the time the body is spread over.
    /// </summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>For a dropped start request: whether the job was created before the connection dropped.</summary>
    public bool AcceptBeforeDrop { get; private init; }

    /// <summary>For <see cref="FakeVeoFaultKind.ShortBody"/>: the share of the clip sent.</summary>
    public double BodyFraction { get; private init; }

    /// <summary>
    /// For <see cref="FakeVeoFaultKind.ShortBody"/> and <see cref="FakeVeoFaultKind.LargeBody"/>: whether a
    /// Content-Length matching what is sent is declared (otherwise the body is chunked).
    /// </summary>
    public bool DeclaresLength { get; private init; }

    /// <summary>For <see cref="FakeVeoFaultKind.UnreadableBody"/>: the body text and its Content-Type.</summary>
    public string Body { get; private init; } = "";

    public string ContentType { get; private init; } = "application/json";

    /// <summary>For <see cref="FakeVeoFaultKind.UnreadableBody"/>: drop the connection after the body instead of ending the response.</summary>
    public bool DropAfterBody { get; private init; }

    /// <summary>For <see cref="FakeVeoFaultKind.LargeBody"/>: the body's size in bytes.</summary>
    public int BodyBytes { get; private init; }

    /// <summary>
    /// Start requests: the job is created before this fault answers (a dropped connection that was accepted, or a 2xx
    /// whose body cannot be read), so the client cannot know it was billed.
    /// </summary>
    internal bool AnswersAfterAccepting => Kind switch
    {
        FakeVeoFaultKind.DropConnection => AcceptBeforeDrop,
        FakeVeoFaultKind.UnreadableBody => true,
        _ => false,
    };

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

    /// <summary>
    /// Downloads: sends the clip chunked (no Content-Length) and ends the response normally after
    /// <paramref name="fraction"/> of it, as a connection closed cleanly mid-body looks to a client.
    /// </summary>
    public static FakeVeoFault EndBodyEarly(double fraction = 2.0 / 3) => Short(fraction, declaresLength: false);

    /// <summary>Downloads: sends <paramref name="fraction"/> of the clip with a Content-Length that matches it, so nothing at the HTTP level is wrong.</summary>
    public static FakeVeoFault ShortBodyWithMatchingLength(double fraction = 0.5) => Short(fraction, declaresLength: true);

    /// <summary>
    /// 200 with <paramref name="body"/> (e.g. a cut-off <c>{"na</c> or an HTML page) instead of the JSON answer, then
    /// the response ends, or the connection drops with <paramref name="dropAfterBody"/>. A start request is accepted
    /// (the job created) first.
    /// </summary>
    public static FakeVeoFault UnreadableBody(string body = "{\"na", string contentType = "application/json", bool dropAfterBody = false) =>
        new(FakeVeoFaultKind.UnreadableBody) { Body = body ?? throw new ArgumentNullException(nameof(body)), ContentType = contentType, DropAfterBody = dropAfterBody };

    /// <summary>Polls: 404 NOT_FOUND for an operation the service did create, as Google answers once its results expired (after 2 days).</summary>
    public static FakeVeoFault OperationExpired() => Status(404, "NOT_FOUND", "Operation not found or has expired.");

    /// <summary>403 PERMISSION_DENIED with Google's error body (e.g. a download the credentials may not read).</summary>
    public static FakeVeoFault Forbidden() => Status(403, "PERMISSION_DENIED", "The caller does not have permission.");

    /// <summary>The normal answer with its headers sent at once and its body in pieces spread evenly over <paramref name="over"/>.</summary>
    public static FakeVeoFault SlowBody(TimeSpan over) => new(FakeVeoFaultKind.SlowBody) { Delay = over };

    /// <summary>
    /// 200 with a valid JSON operation that is not done, padded to <paramref name="bytes"/> bytes; with
    /// <paramref name="declaresLength"/> the Content-Length says so up front, otherwise it is chunked.
    /// </summary>
    public static FakeVeoFault LargeBody(int bytes = 2 * 1024 * 1024, bool declaresLength = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 64);
        return new(FakeVeoFaultKind.LargeBody) { BodyBytes = bytes, DeclaresLength = declaresLength };
    }

    private static FakeVeoFault Short(double fraction, bool declaresLength)
    {
        if (fraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), "The share of the clip sent must be between 0 and 1.");
        }

        return new(FakeVeoFaultKind.ShortBody) { BodyFraction = fraction, DeclaresLength = declaresLength };
    }
}
