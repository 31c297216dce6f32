namespace ShotVideo.Generation;

/// <summary>What a run targets and how it behaves.</summary>
public sealed record ShotVideoOptions
{
    public ShotVideoMode Mode { get; init; } = ShotVideoMode.Default;

    /// <summary>
    /// Plan only, whatever the mode: no model call, no file, no database write. <c>Mode = DryRun</c> is the same as
    /// <c>Mode = Resume, DryRun = true</c>; Default and Override keep their rules (e.g. Override plans shots with clips).
    /// </summary>
    public bool DryRun { get; init; }

    internal bool IsDryRun => DryRun || Mode == ShotVideoMode.DryRun;

    internal ShotVideoMode EffectiveMode => Mode == ShotVideoMode.DryRun ? ShotVideoMode.Resume : Mode;

    /// <summary>Only this scenelet's shots (its human id, e.g. <c>scenelet-1</c>).</summary>
    public string? SceneletId { get; init; }

    /// <summary>Only shots with this 1-based index.</summary>
    public int? ShotIndex { get; init; }

    /// <summary>Only these shots (scenelet id, shot index), e.g. those piped in from Get-Shot; null for the whole scope.</summary>
    public IReadOnlyCollection<(string SceneletId, int ShotIndex)>? Shots { get; init; }

    /// <summary>Whether the shot's key frame is sent as a reference image (upstream found key frames sometimes hurt motion).</summary>
    public bool IncludeKeyFrame { get; init; } = true;

    /// <summary>The web app's <c>public/</c> folder: references are read from and clips written under its <c>generated/</c>.</summary>
    public required string PublicRoot { get; init; }

    /// <summary>How many shots are in flight at once.</summary>
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>
    /// Whether other shots go on after one shot fails. Off (the default), no new shot starts after a failure; the shots
    /// in flight still finish and are stored. A failure that hits every shot (credentials, model, quota) always stops.
    /// </summary>
    public bool ContinueAfterShotFailure { get; init; }

    /// <summary>Names this run in the job ledger; unique per process by default.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A live attempt whose worker has not heartbeated for this long is taken over.</summary>
    public TimeSpan ClaimStaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often this run tells the ledger its attempts are alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);
}
