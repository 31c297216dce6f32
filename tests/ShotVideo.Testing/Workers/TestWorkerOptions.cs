using System.Globalization;

namespace ShotVideo.Testing.Workers;

/// <summary>What one ShotVideo.TestWorker process runs: a story, a database, a public folder and the (fake) Gemini API.</summary>
public sealed record TestWorkerOptions
{
    public required string ConnectionString { get; init; }

    public required Guid StoryId { get; init; }

    public required string PublicRoot { get; init; }

    public required Uri GeminiBaseUrl { get; init; }

    /// <summary>Default, Resume or Override.</summary>
    public string Mode { get; init; } = "Resume";

    public int Throttle { get; init; } = 4;

    /// <summary>The start pacer's rate: high by default, as the fake service has no quota unless a test gives it one.</summary>
    public double StartsPerMinute { get; init; } = 60_000;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public string? WorkerId { get; init; }

    public TimeSpan? ClaimStaleAfter { get; init; }

    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>The worker sets up, prints <c>ready</c> and waits for <see cref="TestWorkerProcess.Go"/>.</summary>
    public bool WaitForGo { get; init; }

    internal IEnumerable<string> ToArguments()
    {
        string[] required =
        [
            "--database", ConnectionString, "--story", StoryId.ToString(), "--public-root", PublicRoot,
            "--gemini-base-url", GeminiBaseUrl.ToString(), "--mode", Mode, "--throttle", Throttle.ToString(CultureInfo.InvariantCulture),
            "--poll-interval-ms", Milliseconds(PollInterval), "--starts-per-minute", StartsPerMinute.ToString(CultureInfo.InvariantCulture),
        ];
        var optional = new List<string>();
        if (WorkerId is not null)
        {
            optional.AddRange(["--worker-id", WorkerId]);
        }

        if (ClaimStaleAfter is { } stale)
        {
            optional.AddRange(["--claim-stale-after-ms", Milliseconds(stale)]);
        }

        if (HeartbeatInterval is { } heartbeat)
        {
            optional.AddRange(["--heartbeat-ms", Milliseconds(heartbeat)]);
        }

        if (WaitForGo)
        {
            optional.Add("--wait-for-go");
        }

        return required.Concat(optional);
    }

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
