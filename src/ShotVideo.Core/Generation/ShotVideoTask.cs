using System.Diagnostics;
using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Pacing;
using ShotVideo.Planning;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>
/// The <c>CREATE_SHOT_VIDEO</c> step, in one pass: <see cref="PlanAsync"/> reads the story, its shots, the ledger and
/// the reference images once and decides every targeted shot; the caller approves (-WhatIf, -Confirm, a budget);
/// <see cref="ExecuteAsync"/> runs exactly the approved shots from the plan: claims each in the job ledger, sends its
/// start request (or resumes an earlier run's paid operation), stores the clip and records it.
/// </summary>
public sealed class ShotVideoTask
{
    private readonly StoryDatabase _database;
    private readonly IVideoGenerator? _generator;
    private readonly ShotVideoOptions _options;
    private readonly StartPacingOptions? _pacing;

    /// <param name="generator">Prices the plan and makes the clips; null plans without prices (a prompt preview) and cannot execute.</param>
    public ShotVideoTask(StoryDatabase database, IVideoGenerator? generator, ShotVideoOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThrottleLimit, 1, nameof(options.ThrottleLimit));
        _database = database;
        _generator = generator;
        _options = options;
        // Resolved (and a bad SHOTVIDEO_STARTS_PER_MINUTE refused) before anything is planned.
        _pacing = generator is null ? null : options.StartPacing ?? StartPacingOptions.For(generator.Backend, generator.Model, options.StartsPerMinute);
    }

    /// <summary>Decides every targeted shot; spends nothing and writes nothing.</summary>
    public Task<RunPlan> PlanAsync(RunSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new RunPlanner(_database, _generator, _options).PlanAsync(selection, cancellationToken);
    }

    /// <summary>
    /// Runs the approved shots of <paramref name="approval"/>'s plan and reports every planned shot's result, in plan
    /// order. Problems with one shot become that shot's result; cancellation leaves no partial file and no
    /// half-recorded shot (paid operations stay resumable).
    /// </summary>
    public async Task<ShotVideoRunResult> ExecuteAsync(RunApproval approval, IShotVideoProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var generator = _generator ?? throw new InvalidOperationException("A task without a video generator can plan but not execute.");
        var plan = approval.Plan;
        if (plan.Backend != generator.Backend || plan.Model != generator.Model)
        {
            throw new ArgumentException($"The plan was made for {plan.Backend} {plan.Model}, not this task's {generator.Backend} {generator.Model}.", nameof(approval));
        }

        progress ??= NullShotVideoProgress.Instance;
        progress.RunStarted(plan, plan.Shots.Count(shot => approval.IsApproved(shot.Key)));
        var results = new ShotVideoResult?[plan.Shots.Count];
        var watch = Stopwatch.StartNew();
        bool interrupted = false;
        RunContext run;
        await using (var heartbeat = new LedgerHeartbeat(_database.Jobs, _options.Worker, _options.HeartbeatInterval))
        {
            var pacer = new StartPacer(generator.QuotaKey, _pacing!, _database, new QuotaWaits(progress));
            run = new RunContext(plan, _options, generator, _database.Jobs, heartbeat, progress, new ClipStore(_options.PublicRoot), pacer);
            try
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, plan.Shots.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = _options.ThrottleLimit, CancellationToken = cancellationToken },
                    async (index, token) =>
                    {
                        var shot = plan.Shots[index];
                        var result = Located(
                            approval.IsApproved(shot.Key) ? await ShotRun.ExecuteAsync(shot, run, token).ConfigureAwait(false) : ShotRun.NotRun(shot, approval),
                            run);
                        results[index] = result;
                        if (!(_options.WaitForOtherRuns && result.Status == ShotVideoStatus.Claimed))
                        {
                            progress.ShotFinished(result);
                        }
                    }).ConfigureAwait(false);
                if (_options.WaitForOtherRuns)
                {
                    await WaitForOtherRunsAsync(approval, results!, run, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped: the shots under way let go of their claims (ShotRun); the rest are reported as stopped.
                interrupted = true;
            }
        }

        for (int index = 0; index < results.Length; index++)
        {
            if (results[index] is null)
            {
                results[index] = ShotRun.Stopped(plan.Shots[index], null);
                progress.ShotFinished(results[index]!);
            }
            else if (interrupted && _options.WaitForOtherRuns && results[index]!.Status == ShotVideoStatus.Claimed)
            {
                // Stopped while waiting: still the other run's.
                progress.ShotFinished(results[index]!);
            }
        }

        return new ShotVideoRunResult(plan.StoryId, plan.StoryName, plan.Mode, results!)
        {
            StoppedBy = run.StoppedBy,
            Elapsed = watch.Elapsed,
            Interrupted = interrupted,
        };
    }

    /// <summary>
    /// Waits until the other runs that hold some of the plan's shots let go of them, then reports each shot's outcome:
    /// an approved shot is run again (a recorded clip is skipped, an abandoned paid operation is resumed at no cost);
    /// any other shot reports what the ledger says the other run did.
    /// </summary>
    private async Task WaitForOtherRunsAsync(RunApproval approval, ShotVideoResult[] results, RunContext run, CancellationToken cancellationToken)
    {
        var plan = approval.Plan;
        var waiting = Enumerable.Range(0, results.Length).Where(index => results[index].Status == ShotVideoStatus.Claimed).ToList();
        while (waiting.Count > 0)
        {
            run.Progress.WaitingForOtherRuns([.. waiting.Select(index => plan.Shots[index].Key)]);
            await Task.Delay(_options.OtherRunsPollInterval, cancellationToken).ConfigureAwait(false);
            var jobs = await _database.Jobs.ListJobsAsync(plan.StoryId, null, null, false, cancellationToken).ConfigureAwait(false);
            foreach (int index in waiting.ToList())
            {
                var shot = plan.Shots[index];
                var latest = jobs.FirstOrDefault(job => job.Key == shot.Key);
                if (latest is { IsLive: true, ClaimedBy: not null } && DateTimeOffset.UtcNow - latest.HeartbeatAt < _options.ClaimStaleAfter)
                {
                    continue;
                }

                var result = Located(
                    approval.IsApproved(shot.Key) ? await ShotRun.ExecuteAsync(shot, run, cancellationToken).ConfigureAwait(false) : ShotRun.SettledByOther(shot, latest),
                    run);
                results[index] = result;
                if (result.Status != ShotVideoStatus.Claimed)
                {
                    waiting.Remove(index);
                    run.Progress.ShotFinished(result);
                }
            }

            if (waiting.Count == 0)
            {
                run.Progress.WaitingForOtherRuns([]);
            }
        }
    }

    /// <summary>The result with its clip's place on this machine, so callers can open it.</summary>
    private static ShotVideoResult Located(ShotVideoResult result, RunContext run) => result with { FullPath = run.Clips.FullPath(result.VideoFilePath) };

    /// <summary>Hands the pacer's waits to the run's progress.</summary>
    private sealed class QuotaWaits(IShotVideoProgress progress) : IStartPacingObserver
    {
        public void Waiting(StartPacingWait wait) => progress.WaitingForQuota(wait);
    }
}
