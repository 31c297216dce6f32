using System.Diagnostics;
using ShotVideo.Database;
using ShotVideo.Prompting;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>
/// The <c>CREATE_SHOT_VIDEO</c> step: for each targeted shot, assemble the prompt, choose the references, generate
/// the clip, store it and record its path. The job ledger makes every run on every machine cooperate: a shot is
/// claimed before money is spent, and an earlier run's paid operation is resumed instead of started again.
/// </summary>
public sealed class ShotVideoTask
{
    private readonly StoryDatabase _database;
    private readonly IVideoGenerator _generator;

    public ShotVideoTask(StoryDatabase database, IVideoGenerator generator)
    {
        _database = database;
        _generator = generator;
    }

    /// <summary>
    /// Runs the step for one story. Problems with the request as a whole (no such story, no design document, clips
    /// already there in Default mode, a targeted shot that does not exist) throw before anything is spent; problems
    /// with one shot become that shot's Failed result. Cancellation leaves no partial file and no half-recorded shot.
    /// </summary>
    public async Task<ShotVideoRunResult> RunAsync(Guid storyId, ShotVideoOptions options, IShotVideoProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThrottleLimit, 1, nameof(options.ThrottleLimit));
        progress ??= NullShotVideoProgress.Instance;

        var story = await _database.Stories.GetStoryAsync(storyId, cancellationToken).ConfigureAwait(false);
        var document = VisualDesignDocument.Parse(storyId, story.VisualDesignDocumentJson);
        var shots = await ShotTargeting.SelectAsync(_database, storyId, options, cancellationToken).ConfigureAwait(false);
        progress.RunPlanned(storyId, shots.Count);

        var run = new RunContext(options, progress, new ShotPlanner(document, options.PublicRoot, options.IncludeKeyFrame), new ClipStore(options.PublicRoot));
        var results = new ShotVideoResult[shots.Count];
        var watch = Stopwatch.StartNew();
        await using (var heartbeat = options.IsDryRun
            ? null
            : new LedgerHeartbeat(_database.Jobs, options.WorkerId, options.HeartbeatInterval))
        {
            run.Heartbeat = heartbeat;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, shots.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.ThrottleLimit, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    results[index] = await RunShotAsync(shots[index], run, token).ConfigureAwait(false);
                    progress.ShotFinished(results[index]);
                }).ConfigureAwait(false);
        }

        return new ShotVideoRunResult(storyId, options.Mode, results) { StoppedBy = run.StoppedBy, Elapsed = watch.Elapsed };
    }

    private async Task<ShotVideoResult> RunShotAsync(ShotRecord shot, RunContext run, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (run.StoppedBy is { } stoppedBy)
        {
            return Result(shot, ShotVideoStatus.NotStarted, watch) with { Reason = $"Not started: the run stopped after {stoppedBy.ErrorId}." };
        }

        if (HasClip(shot) && run.Options.EffectiveMode == ShotVideoMode.Resume)
        {
            var warnings = run.ClipStore.Exists(shot.StoryId, shot.SceneletId, shot.ShotIndex)
                ? []
                : new[] { $"{ShotErrors.Describe(shot)}: the recorded clip {shot.VideoFilePath} is not under {run.Options.PublicRoot}; it was not regenerated (use -Mode Override to make it again)." };
            foreach (var warning in warnings)
            {
                run.Progress.Warning(shot, warning);
            }

            return Result(shot, ShotVideoStatus.Skipped, watch) with
            {
                VideoFilePath = shot.VideoFilePath,
                Reason = "The shot already has a clip.",
                Warnings = warnings,
            };
        }

        run.Progress.ShotStarted(shot);
        var attempt = new ShotAttempt(shot);
        try
        {
            var plan = await run.Planner.PlanAsync(shot, strict: !run.Options.IsDryRun, cancellationToken).ConfigureAwait(false);
            foreach (var warning in plan.Warnings)
            {
                run.Progress.Warning(shot, warning);
            }

            foreach (var choice in plan.References.Choices)
            {
                run.Progress.ReferenceChosen(shot, choice);
            }

            var planned = Result(shot, ShotVideoStatus.Planned, watch) with
            {
                VideoFilePath = run.ClipStore.Locate(shot.StoryId, shot.SceneletId, shot.ShotIndex).RelativePath,
                References = plan.References.Choices,
                PromptText = plan.Prompt.Text,
                PromptTokenEstimate = plan.Prompt.EstimatedTokens,
                EstimatedCostUsd = _generator.EstimateCostUsd(plan.Request),
                Warnings = plan.Warnings,
            };
            if (run.Options.IsDryRun)
            {
                return planned with { Elapsed = watch.Elapsed };
            }

            return await GenerateAsync(shot, plan.Request, planned, attempt, run, watch, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await attempt.ReleaseAsync(_database.Jobs, run).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is ShotVideoException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            var error = ShotErrors.ForShot(ex, shot);
            await attempt.FailAsync(_database.Jobs, run, error).ConfigureAwait(false);
            run.Stop(error, always: error.AffectsEveryShot);
            return Result(shot, ShotVideoStatus.Failed, watch) with { Error = error, OperationName = attempt.Operation?.Name, Reason = error.Message };
        }
        finally
        {
            attempt.StopHeartbeat(run);
        }
    }

    private async Task<ShotVideoResult> GenerateAsync(
        ShotRecord shot, VideoGenerationRequest request, ShotVideoResult planned, ShotAttempt attempt, RunContext run, Stopwatch watch, CancellationToken cancellationToken)
    {
        // Default and Resume never replace a clip: one another run recorded since this run listed the shots is kept.
        var claim = await _database.Jobs.ClaimAsync(
            shot.StoryId, shot.SceneletId, shot.ShotIndex, _generator.Backend, _generator.Model, run.Options.WorkerId, run.Options.ClaimStaleAfter,
            overriding: run.Options.EffectiveMode == ShotVideoMode.Override, cancellationToken)
            .ConfigureAwait(false);
        if (claim.Kind == ShotClaimKind.Recorded)
        {
            return planned with
            {
                Status = ShotVideoStatus.Skipped,
                VideoFilePath = claim.Job.ClipPath,
                OperationName = claim.Job.OperationName,
                Reason = "Another run generated and recorded this shot's clip while this run was working.",
                Elapsed = watch.Elapsed,
            };
        }

        if (claim.Kind == ShotClaimKind.HeldByOther)
        {
            return planned with
            {
                Status = ShotVideoStatus.Claimed,
                VideoFilePath = null,
                OperationName = claim.Job.OperationName,
                Reason = $"Another run ({claim.Job.ClaimedBy}) is generating this shot; left to it.",
                Elapsed = watch.Elapsed,
            };
        }

        if (claim.Kind == ShotClaimKind.Uncertain)
        {
            // Thrown, so the shot is Failed like any other failure and the operator sees what to check.
            throw new ShotVideoException(
                "ShotVideoStartUncertain",
                ShotVideoErrorKind.OperationFailed,
                $"{ShotErrors.Describe(shot)}: an earlier start request (attempt {claim.Job.Id}, claimed {claim.Job.ClaimedAt:u}) never had its answer recorded, "
                + "so Veo may have created, and billed, a job for this shot. Nothing new was started. Check the Google Cloud console or billing, "
                + $"then run with -Mode Override to generate the shot anyway.{(claim.Job.ErrorText is { } why ? $" ({why})" : string.Empty)}")
            {
                StoryId = shot.StoryId,
                SceneletId = shot.SceneletId,
                ShotIndex = shot.ShotIndex,
            };
        }

        attempt.Job = claim.Job;
        run.Heartbeat!.Track(claim.Job.Id);
        var observer = new ShotProgressObserver(shot, run.Progress);
        var resumed = claim.Kind == ShotClaimKind.Resume;
        if (resumed)
        {
            attempt.Operation = ResumableOperation(claim.Job, shot);
        }
        else
        {
            attempt.Operation = await _generator.StartAsync(request, observer, cancellationToken).ConfigureAwait(false);
            // Recorded before any polling, whatever happens next: this name is what makes the paid job recoverable.
            await LedgerWrites.RunAsync(token => _database.Jobs.RecordStartedAsync(claim.Job.Id, run.Options.WorkerId, attempt.Operation.Name, token))
                .ConfigureAwait(false);
        }

        run.Progress.OperationStarted(shot, attempt.Operation, resumed);
        await using var pending = run.ClipStore.Open(shot.StoryId, shot.SceneletId, shot.ShotIndex);
        var outcome = await _generator.CompleteAsync(attempt.Operation, pending.Stream, observer, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case VideoGenerated generated:
                // From here on the clip is paid for and complete: store and record it even if a stop was requested.
                var path = await pending.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                await attempt.RecordClipAsync(_database.Jobs, path).ConfigureAwait(false);
                return planned with
                {
                    Status = ShotVideoStatus.Generated,
                    VideoFilePath = path,
                    Facts = generated.Facts,
                    OperationName = attempt.Operation.Name,
                    Resumed = resumed,
                    Elapsed = watch.Elapsed,
                };
            case VideoSafetyFiltered filtered:
                var reasons = filtered.Reasons.Count == 0 ? "no reason given" : string.Join("; ", filtered.Reasons);
                var reason = $"{ShotErrors.Describe(shot)}: Veo withheld the clip for safety reasons ({reasons}). Filtered requests are not charged; adjust the storyboard and run again.";
                await attempt.SettleAsync(_database.Jobs, ShotVideoJobState.Filtered, reason, null).ConfigureAwait(false);
                return planned with
                {
                    Status = ShotVideoStatus.Filtered,
                    VideoFilePath = null,
                    OperationName = attempt.Operation.Name,
                    Resumed = resumed,
                    Reason = reason,
                    Elapsed = watch.Elapsed,
                };
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }

    private VideoOperation ResumableOperation(ShotVideoJob job, ShotRecord shot) =>
        string.Equals(job.Backend, _generator.Backend, StringComparison.Ordinal)
            ? new VideoOperation(job.Backend, job.Model, job.OperationName!)
            : throw new ShotVideoException(
                "ShotVideoResumeBackendMismatch",
                ShotVideoErrorKind.InvalidArgument,
                $"{ShotErrors.Describe(shot)} has an unfinished {job.Backend} operation ({job.OperationName}) from an earlier run; "
                + $"run with -Backend {job.Backend} to finish it without paying again.")
            {
                StoryId = shot.StoryId,
                SceneletId = shot.SceneletId,
                ShotIndex = shot.ShotIndex,
            };

    private static bool HasClip(ShotRecord shot) => !string.IsNullOrWhiteSpace(shot.VideoFilePath);

    private static ShotVideoResult Result(ShotRecord shot, ShotVideoStatus status, Stopwatch watch) => new()
    {
        StoryId = shot.StoryId,
        SceneletId = shot.SceneletId,
        ShotIndex = shot.ShotIndex,
        Status = status,
        Elapsed = watch.Elapsed,
    };
}
