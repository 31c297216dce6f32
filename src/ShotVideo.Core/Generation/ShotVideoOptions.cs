using ShotVideo.Ledger;

namespace ShotVideo.Generation;

/// <summary>How a run works: where its files are, how many shots are in flight, and how it cooperates with other runs.</summary>
public sealed record ShotVideoOptions
{
    /// <summary>The web app's <c>public/</c> folder: references are read from and clips written under its <c>generated/</c>.</summary>
    public required string PublicRoot { get; init; }

    /// <summary>How many shots are in flight at once.</summary>
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>
    /// Whether other shots go on after one shot fails. Off (the default), no new shot starts after a failure; the shots
    /// in flight still finish and are stored. A failure that hits every shot (credentials, model, quota) always stops.
    /// </summary>
    public bool ContinueAfterShotFailure { get; init; }

    /// <summary>Names this run (and its machine and process) in the job ledger; unique per call by default.</summary>
    public LedgerWorker Worker { get; init; } = LedgerWorker.ForThisProcess();

    /// <summary>A live attempt whose run has not heartbeated for this long is taken over.</summary>
    public TimeSpan ClaimStaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often this run tells the ledger its attempts are alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);
}
