using ShotVideo.Storage;

namespace ShotVideo.Generation;

/// <summary>What every shot of one run shares, and whether the run has stopped starting new shots.</summary>
internal sealed class RunContext(ShotVideoOptions options, IShotVideoProgress progress, ShotPlanner planner, ClipStore clipStore)
{
    private ShotVideoException? _stoppedBy;

    public ShotVideoOptions Options { get; } = options;

    public IShotVideoProgress Progress { get; } = progress;

    public ShotPlanner Planner { get; } = planner;

    public ClipStore ClipStore { get; } = clipStore;

    public LedgerHeartbeat? Heartbeat { get; set; }

    public ShotVideoException? StoppedBy => Volatile.Read(ref _stoppedBy);

    /// <summary>Stops new shots from starting after a failure, unless the caller asked to go on and it concerns one shot.</summary>
    public void Stop(ShotVideoException failure, bool always)
    {
        if (always || !Options.ContinueAfterShotFailure)
        {
            Interlocked.CompareExchange(ref _stoppedBy, failure, null);
        }
    }
}
