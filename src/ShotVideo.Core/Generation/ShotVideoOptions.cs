using ShotVideo.Ledger;
using ShotVideo.Pacing;

namespace ShotVideo.Generation;

/// <summary>How a run works: where its files are, how many shots are in flight, and how it cooperates with other runs.</summary>
public sealed record ShotVideoOptions
{
    /// <summary>The web app's <c>public/</c> folder: references are read from and clips written under its <c>generated/</c>.</summary>
    public required string PublicRoot { get; init; }

    /// <summary>
    /// How many shots are in flight at once. Veo takes minutes per clip, so keeping the start-request quota busy takes
    /// its rate times that latency (50 per minute × 2 minutes ≈ 100); start requests themselves are paced separately.
    /// </summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

    public const int DefaultThrottleLimit = 100;

    public const int MaxThrottleLimit = 500;

    /// <summary>
    /// Start requests per minute for the Veo quota this run uses (your project's quota); null: <c>SHOTVIDEO_STARTS_PER_MINUTE</c>,
    /// else the published default for the backend and model (see <see cref="StartPacingOptions"/>). Shared with every
    /// run that uses the same quota, through the database.
    /// </summary>
    public double? StartsPerMinute { get; init; }

    /// <summary>Every pacing setting, for callers that tune more than the rate (tests); overrides <see cref="StartsPerMinute"/>.</summary>
    internal StartPacingOptions? StartPacing { get; init; }

    /// <summary>
    /// Whether other shots go on after one shot fails. Off (the default), no new shot starts after a failure; the shots
    /// in flight still finish and are stored. A failure that hits every shot (credentials, model, quota) always stops.
    /// </summary>
    public bool ContinueAfterShotFailure { get; init; }

    /// <summary>Names this run (and its machine and process) in the job ledger; unique per call by default.</summary>
    public LedgerWorker Worker { get; init; } = LedgerWorker.ForThisProcess();

    /// <summary>A live attempt whose run has not heartbeated for this long is taken over.</summary>
    public TimeSpan ClaimStaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether the run waits for shots that other live runs hold (polling the ledger) and reports how they ended, instead
    /// of leaving them as <see cref="ShotVideoStatus.Claimed"/>. An approved shot whose holder lets go unfinished is run.
    /// </summary>
    public bool WaitForOtherRuns { get; init; }

    /// <summary>How often a waiting run looks at the ledger for shots other runs hold.</summary>
    public TimeSpan OtherRunsPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often this run tells the ledger its attempts are alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);
}
