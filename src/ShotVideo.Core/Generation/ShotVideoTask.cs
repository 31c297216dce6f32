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
        var results = new ShotVideoResult[plan.Shots.Count];
        var watch = Stopwatch.StartNew();
        RunContext run;
        await using (var heartbeat = new LedgerHeartbeat(_database.Jobs, _options.Worker, _options.HeartbeatInterval))
        {
            var pacer = new StartPacer(generator.QuotaKey, _pacing!, _database, new QuotaWaits(progress));
            var clips = new ClipStore(_options.PublicRoot);
            run = new RunContext(plan, _options, generator, _database.Jobs, heartbeat, progress, clips, pacer);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, plan.Shots.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _options.ThrottleLimit, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var shot = plan.Shots[index];
                    var result = approval.IsApproved(shot.Key)
                        ? await ShotRun.ExecuteAsync(shot, run, token).ConfigureAwait(false)
                        : ShotRun.NotRun(shot, approval);
                    results[index] = result with { FullPath = clips.FullPath(result.VideoFilePath) };
                    progress.ShotFinished(results[index]);
                }).ConfigureAwait(false);
        }

        return new ShotVideoRunResult(plan.StoryId, plan.StoryName, plan.Mode, results) { StoppedBy = run.StoppedBy, Elapsed = watch.Elapsed };
    }

    /// <summary>Hands the pacer's waits to the run's progress.</summary>
    private sealed class QuotaWaits(IShotVideoProgress progress) : IStartPacingObserver
    {
        public void Waiting(StartPacingWait wait) => progress.WaitingForQuota(wait);
    }
}
