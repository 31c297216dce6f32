using System.Globalization;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;

namespace ShotVideo.TestWorker;

/// <summary>
/// The worker's command line. The Gemini API key is deliberately not among them: it comes from <c>GEMINI_API_KEY</c>
/// so it never shows in a process listing.
/// </summary>
internal sealed record WorkerArguments
{
    public const string Usage =
        "usage: ShotVideo.TestWorker --database <connection string> --story <id> --public-root <folder> --gemini-base-url <url> "
        + "[--mode Default|Resume|Override] [--throttle N] [--poll-interval-ms N] [--worker-id ID] [--claim-stale-after-ms N] "
        + "[--heartbeat-ms N] [--starts-per-minute N] [--wait-for-go]   (API key: GEMINI_API_KEY)";

    public required string Database { get; init; }

    public required Guid StoryId { get; init; }

    public required string PublicRoot { get; init; }

    public required Uri GeminiBaseUrl { get; init; }

    public ShotVideoMode Mode { get; init; } = ShotVideoMode.Default;

    public int Throttle { get; init; } = 4;

    public double? StartsPerMinute { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public string? WorkerId { get; init; }

    public TimeSpan? ClaimStaleAfter { get; init; }

    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Print <c>ready</c> once set up, then wait for a line on stdin: lets a caller start several workers at one moment.</summary>
    public bool WaitForGo { get; init; }

    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var waitForGo = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--wait-for-go")
            {
                waitForGo = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        string Required(string name) => values.Remove(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        string? Optional(string name) => values.Remove(name, out var value) ? value : null;
        TimeSpan? Milliseconds(string name) => Optional(name) is { } text ? TimeSpan.FromMilliseconds(int.Parse(text, CultureInfo.InvariantCulture)) : null;

        var parsed = new WorkerArguments
        {
            Database = Required("database"),
            StoryId = Guid.Parse(Required("story")),
            PublicRoot = Required("public-root"),
            GeminiBaseUrl = new Uri(Required("gemini-base-url")),
            Mode = Optional("mode") is { } mode ? Enum.Parse<ShotVideoMode>(mode, ignoreCase: true) : ShotVideoMode.Default,
            Throttle = Optional("throttle") is { } throttle ? int.Parse(throttle, CultureInfo.InvariantCulture) : 4,
            StartsPerMinute = Optional("starts-per-minute") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            PollInterval = Milliseconds("poll-interval-ms") ?? TimeSpan.FromMilliseconds(100),
            WorkerId = Optional("worker-id"),
            ClaimStaleAfter = Milliseconds("claim-stale-after-ms"),
            HeartbeatInterval = Milliseconds("heartbeat-ms"),
            WaitForGo = waitForGo,
        };
        return values.Count == 0 ? parsed : throw new ArgumentException($"Unknown option --{values.Keys.First()}.");
    }

    public ShotVideoOptions ToOptions()
    {
        var options = new ShotVideoOptions
        {
            PublicRoot = PublicRoot, ThrottleLimit = Throttle, StartsPerMinute = StartsPerMinute, Worker = LedgerWorker.ForThisProcess(WorkerId),
        };
        return options with
        {
            ClaimStaleAfter = ClaimStaleAfter ?? options.ClaimStaleAfter,
            HeartbeatInterval = HeartbeatInterval ?? options.HeartbeatInterval,
        };
    }

    public RunSelection ToSelection() => new(StoryId) { Mode = Mode };
}
