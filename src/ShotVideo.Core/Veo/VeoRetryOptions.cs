namespace ShotVideo.Veo;

/// <summary>
/// Retry of transient failures (408, 429, 500, 502, 503, 504, connection failures) with exponential backoff (factor 2)
/// and jitter, honouring <c>Retry-After</c>. The start request is retried only when it surely was not accepted.
/// </summary>
public sealed record VeoRetryOptions
{
    /// <summary>False turns retries off: every failure is final at once.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Total tries of one request, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public bool UseJitter { get; init; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> honoured. A server that asks for a longer wait is not waited for: the request
    /// fails with a clear error and the shot's claim is released, rather than holding it silently for an hour.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No retries at all.</summary>
    public static VeoRetryOptions None { get; } = new() { Enabled = false };
}
