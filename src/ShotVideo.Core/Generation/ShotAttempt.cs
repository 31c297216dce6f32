using ShotVideo.Database;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>One shot's ledger attempt in this run: its job, its operation once started, and how it ends.</summary>
internal sealed class ShotAttempt(ShotRecord shot)
{
    private bool _settled;

    public ShotRecord Shot { get; } = shot;

    public ShotVideoJob? Job { get; set; }

    public VideoOperation? Operation { get; set; }

    public async Task SettleAsync(ShotVideoJobRepository jobs, ShotVideoJobState state, string? errorText, string? clipPath)
    {
        await LedgerWrites.RunAsync(token => jobs.SettleAsync(Job!.Id, state, errorText, clipPath, token)).ConfigureAwait(false);
        _settled = true;
    }

    /// <summary>Records the stored clip on the shot and settles the attempt as Succeeded, together.</summary>
    public async Task RecordClipAsync(ShotVideoJobRepository jobs, string clipPath)
    {
        await LedgerWrites.RunAsync(token => jobs.RecordClipAsync(Job!.Id, Shot.StoryId, Shot.SceneletId, Shot.ShotIndex, clipPath, token)).ConfigureAwait(false);
        _settled = true;
    }

    /// <summary>
    /// Ends a failed attempt. When Veo has a job that may still finish (time limit, network, wrong backend), the attempt
    /// is released, not failed, so a later run resumes it instead of paying again.
    /// </summary>
    public async Task FailAsync(ShotVideoJobRepository jobs, RunContext run, ShotVideoException error)
    {
        if (Job is null || _settled)
        {
            return;
        }

        var operationIsOver = error.ErrorId is "ShotVideoOperationFailed" or "ShotVideoNotMp4";
        if (Operation is not null && !operationIsOver)
        {
            await ReleaseAsync(jobs, run).ConfigureAwait(false);
            return;
        }

        try
        {
            if (Operation is null && error.ErrorId == "ShotVideoStartUncertain")
            {
                // Veo may have accepted the start request: keep the attempt live so no run pays for the shot again unasked.
                await LedgerWrites.RunAsync(token => jobs.MarkUncertainAsync(Job.Id, run.Options.WorkerId, error.Message, token)).ConfigureAwait(false);
                _settled = true;
                return;
            }

            await SettleAsync(jobs, ShotVideoJobState.Failed, error.Message, null).ConfigureAwait(false);
        }
        catch (ShotVideoException)
        {
            // The database stayed out of reach: the claim goes stale and another run takes it over.
        }
    }

    /// <summary>Lets go of the attempt without settling it (the run was stopped): a started one stays resumable.</summary>
    public async Task ReleaseAsync(ShotVideoJobRepository jobs, RunContext run)
    {
        if (Job is null || _settled)
        {
            return;
        }

        try
        {
            await LedgerWrites.RunAsync(token => jobs.ReleaseAsync(Job.Id, run.Options.WorkerId, token)).ConfigureAwait(false);
        }
        catch (ShotVideoException)
        {
            // The database stayed out of reach: the claim goes stale and another run takes it over.
        }
    }

    public void StopHeartbeat(RunContext run)
    {
        if (Job is not null)
        {
            run.Heartbeat?.Untrack(Job.Id);
        }
    }
}
