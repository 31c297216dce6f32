using ShotVideo.Ledger;
using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>What every shot of one run shares, and whether the run has stopped starting new shots.</summary>
internal sealed class RunContext(
    RunPlan plan, ShotVideoOptions options, IVideoGenerator generator, JobLedger ledger, LedgerHeartbeat heartbeat, IShotVideoProgress progress, ClipStore clips,
    StartPacer pacer)
{
    private ShotVideoException? _stoppedBy;

    public RunPlan Plan { get; } = plan;

    public ShotVideoOptions Options { get; } = options;

    public IVideoGenerator Generator { get; } = generator;

    public JobLedger Ledger { get; } = ledger;

    public LedgerHeartbeat Heartbeat { get; } = heartbeat;

    public IShotVideoProgress Progress { get; } = progress;

    public ClipStore Clips { get; } = clips;

    /// <summary>Paces this run's start requests to the quota, together with every other run that uses it.</summary>
    public StartPacer Pacer { get; } = pacer;

    public ShotVideoException? StoppedBy => Volatile.Read(ref _stoppedBy);

    /// <summary>
    /// How a claim treats other runs' work: in every mode a clip recorded after this run read the shot is kept (the
    /// shot's row is no longer the version planned); only Override replaces uncertain starts.
    /// </summary>
    public ClaimRule RuleFor(ShotPlan shot) => new(shot.Shot.UpdatedAt, ReplaceUncertain: Plan.Mode == ShotVideoMode.Override);

    /// <summary>Stops new shots from starting after a failure, unless the caller asked to go on and it concerns one shot.</summary>
    public void Stop(ShotVideoException failure)
    {
        if (failure.AffectsEveryShot || !Options.ContinueAfterShotFailure)
        {
            Interlocked.CompareExchange(ref _stoppedBy, failure, null);
        }
    }
}
