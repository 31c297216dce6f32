using System.Diagnostics;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>
/// One approved shot's execution: claim it in the ledger, start (or resume) its operation, store and record the clip.
/// What to record is decided by the types the steps return (claim, start and completion outcomes), never by error ids.
/// </summary>
internal static class ShotRun
{
    /// <summary>The result of a shot that does not run: skipped, claimed or refused by the plan, or not approved.</summary>
    public static ShotVideoResult NotRun(ShotPlan shot, RunApproval approval) => shot.Decision switch
    {
        ShotDecision.Skip => Result(shot, ShotVideoStatus.Skipped, null) with { VideoFilePath = shot.Shot.VideoFilePath, Reason = shot.Reason },
        ShotDecision.Claimed => Result(shot, ShotVideoStatus.Claimed, null) with { OperationName = shot.OperationName, Reason = shot.Reason },
        ShotDecision.Refused => Result(shot, ShotVideoStatus.Refused, null) with { Error = shot.Refusal, Reason = shot.Reason },
        _ => Result(shot, ShotVideoStatus.NotStarted, null) with { Reason = approval.WhyNotApproved(shot.Key) },
    };

    public static async Task<ShotVideoResult> ExecuteAsync(ShotPlan shot, RunContext run, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (run.StoppedBy is { } stoppedBy)
        {
            return Result(shot, ShotVideoStatus.NotStarted, watch) with { Reason = $"Not started: the run stopped after {stoppedBy.ErrorId}." };
        }

        run.Progress.ShotStarted(shot);
        var generator = run.Generator;
        var claim = await run.Ledger.ClaimAsync(
            shot.Key, generator.Backend, generator.Model, run.Options.Worker, run.Options.ClaimStaleAfter, run.RuleFor(shot), run.Heartbeat, cancellationToken)
            .ConfigureAwait(false);
        switch (claim)
        {
            case ClaimOutcome.Recorded recorded:
                return Result(shot, ShotVideoStatus.Skipped, watch) with
                {
                    VideoFilePath = recorded.Job.ClipPath,
                    OperationName = recorded.Job.OperationName,
                    Reason = "Another run recorded a clip for the shot after this run planned it; it is kept.",
                };
            case ClaimOutcome.HeldByOther held:
                return Result(shot, ShotVideoStatus.Claimed, watch) with
                {
                    OperationName = held.Job.OperationName,
                    Reason = $"Another run ({held.Job.ClaimedBy}) is generating the shot; left to it.",
                };
            case ClaimOutcome.Changed:
                return Result(shot, ShotVideoStatus.NotStarted, watch) with
                {
                    Reason = "Not started: the shot changed in the story database after this run planned it, so the plan may no longer be what would run. Plan it again.",
                };
            case ClaimOutcome.UncertainStart uncertain:
                return Failed(shot, run, watch, ShotVideoErrors.StartUncertain(
                    shot.Key, $"An earlier start request (attempt {uncertain.Job.Id}) never had its answer recorded{(uncertain.Job.ErrorText is { } why ? $" ({why})" : "")}."));
        }

        var attempt = ((ClaimOutcome.Owned)claim).Attempt;
        try
        {
            return await GenerateAsync(shot, attempt, run, watch, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var operation = attempt.Operation;
            await attempt.LetGoAsync(operation is null ? "Stopped before the start request was sent." : "Stopped while the operation ran; it stays resumable.")
                .ConfigureAwait(false);
            return Stopped(shot, watch) with
            {
                OperationName = operation?.Name,
                Resumed = attempt.Resumed,
                CostUsd = operation is not null && !attempt.Resumed ? shot.EstimatedCostUsd ?? 0m : 0m,
                Reason = operation is null
                    ? "Stopped before the start request was sent; nothing was spent."
                    : $"Stopped while Veo generated the clip; the paid operation {operation.Name} stays resumable at no cost: {shot.Key.Command(ShotVideoMode.Resume)}",
            };
        }
        catch (Exception ex) when (ex is ShotVideoException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            // The transport, the bytes or the disk failed: a paid operation stays resumable; an unsent claim is abandoned.
            await attempt.LetGoAsync("The start request was not sent: " + ex.Message).ConfigureAwait(false);
            var error = ex as ShotVideoException ?? ShotVideoErrors.ShotFailed(shot.Key, ex);
            return Failed(shot, run, watch, error.ForShot(shot.Key, attempt.Operation is null ? null : ResumeAction(shot.Key, error))) with
            {
                OperationName = attempt.Operation?.Name,
                Resumed = attempt.Resumed,
            };
        }
    }

    private static async Task<ShotVideoResult> GenerateAsync(ShotPlan shot, LedgerAttempt attempt, RunContext run, Stopwatch watch, CancellationToken cancellationToken)
    {
        var observer = new ShotProgressObserver(shot.Key, run.Progress);
        var generator = run.Generator;
        decimal cost = 0m;
        if (attempt.Operation is { } earlier)
        {
            if (earlier.Backend != generator.Backend)
            {
                throw ShotVideoErrors.ResumeBackendMismatch(shot.Key, earlier.Backend.ToString(), earlier.Name);
            }
        }
        else if (shot.Request is not { } request)
        {
            // Approved as a free resume, but the earlier operation ended meanwhile: starting a new one would spend unapproved money.
            await attempt.LetGoAsync("The operation this run was to resume ended before it could.").ConfigureAwait(false);
            return Result(shot, ShotVideoStatus.NotStarted, watch) with
            {
                Reason = "Not started: the operation this run was to resume ended before it could (no new spend was approved). Plan the shot again.",
            };
        }
        else
        {
            switch (await StartPacedAsync(request, attempt, observer, run, cancellationToken).ConfigureAwait(false))
            {
                case VideoStarted started:
                    cost = shot.EstimatedCostUsd ?? 0m;
                    await attempt.StartedAsync(started.Operation, shot.EstimatedCostUsd, new SentRequest(request.Prompt, shot.References)).ConfigureAwait(false);
                    break;
                case VideoStartUncertain uncertain:
                    await attempt.StartUncertainAsync(uncertain.Reason).ConfigureAwait(false);
                    return Failed(shot, run, watch, ShotVideoErrors.StartUncertain(shot.Key, uncertain.Reason));
                case null:
                    await attempt.LetGoAsync("The run stopped before the start request was sent.").ConfigureAwait(false);
                    return Result(shot, ShotVideoStatus.NotStarted, watch) with { Reason = $"Not started: the run stopped after {run.StoppedBy!.ErrorId}." };
            }
        }

        var operation = attempt.Operation!;
        run.Progress.OperationStarted(shot.Key, operation, attempt.Resumed);
        await using var pending = run.Clips.Open(shot.Clip!);
        var outcome = await generator.CompleteAsync(operation, pending.Stream, observer, cancellationToken).ConfigureAwait(false);
        var result = Result(shot, ShotVideoStatus.Generated, watch) with { OperationName = operation.Name, Resumed = attempt.Resumed, CostUsd = cost };
        switch (outcome)
        {
            case VideoGenerated generated:
                // From here on the clip is paid for and complete: store and record it even if a stop was requested.
                var stored = await pending.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                // A resumed operation was asked with the project's defaults (8 s, 16:9, 1080p), as every ShotVideo request is.
                var mismatches = Mp4Inspector.Mismatches(generated.Facts, shot.Request ?? new VideoGenerationRequest("resumed"));
                await attempt.RecordedAsync(stored, generated.Facts.Duration, mismatches).ConfigureAwait(false);
                foreach (var mismatch in mismatches)
                {
                    run.Progress.Warning(shot.Key, $"{shot.Key}: {mismatch}");
                }

                if (stored.KeptTake is { } kept && shot.Shot.VideoFilePath != stored.Path)
                {
                    run.Progress.Warning(shot.Key, $"{shot.Key}: a clip nobody had recorded was at {stored.Path}; it is kept as {kept.RelativePath}.");
                }

                return result with { VideoFilePath = stored.Path, Facts = generated.Facts, Warnings = [.. shot.Warnings, .. mismatches], Elapsed = watch.Elapsed };
            case VideoSafetyFiltered filtered:
                var reasons = filtered.Reasons.Count == 0 ? "no reason given" : string.Join("; ", filtered.Reasons);
                var withheld = ShotVideoErrors.SafetyFiltered(shot.Key, $"Veo withheld the clip for safety reasons ({reasons}); filtered requests are not charged.");
                await attempt.FilteredAsync(withheld.Reason).ConfigureAwait(false);
                return result with { Status = ShotVideoStatus.Filtered, CostUsd = 0m, Error = withheld, Reason = withheld.Reason, Elapsed = watch.Elapsed };
            case VideoFailed failed:
                await attempt.FailedAsync(failed.Reason).ConfigureAwait(false);
                return Failed(shot, run, watch, ShotVideoErrors.OperationFailed(shot.Key, failed.Reason)) with
                {
                    OperationName = operation.Name,
                    Resumed = attempt.Resumed,
                    CostUsd = cost,
                };
            case VideoExpired expired:
                await attempt.ExpiredAsync(expired.Reason).ConfigureAwait(false);
                return Failed(shot, run, watch, ShotVideoErrors.OperationExpired(shot.Key, expired.Reason)) with
                {
                    OperationName = operation.Name,
                    Resumed = attempt.Resumed,
                    CostUsd = cost,
                };
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>
    /// Sends the start request in a slot of the quota shared by every worker. A 429 means Google did not take the request
    /// (nothing is billed), so the same claim sends again once the quota recovers; the run fails for quota only when the
    /// limiter says the refusals lasted too long. Null when the run stopped while this shot waited for its slot.
    /// </summary>
    private static async Task<StartOutcome?> StartPacedAsync(
        VideoGenerationRequest request, LedgerAttempt attempt, IVideoGenerationObserver observer, RunContext run, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = await run.Pacer.WaitForSlotAsync(cancellationToken).ConfigureAwait(false);
            if (run.StoppedBy is not null)
            {
                return null;
            }

            // Marked before sending: a run that dies from here on may have reached Google, so its claim is never re-sent.
            await attempt.SendingAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await run.Generator.StartAsync(request, observer, cancellationToken).ConfigureAwait(false);
            if (outcome is not VideoStartRefused refused)
            {
                if (outcome is VideoStarted)
                {
                    await run.Pacer.AcceptedAsync(slot, CancellationToken.None).ConfigureAwait(false);
                }

                return outcome;
            }

            await attempt.RefusedAsync().ConfigureAwait(false);
            var refusal = await run.Pacer.RefusedAsync(slot, refused.RetryDelay, CancellationToken.None).ConfigureAwait(false);
            if (refusal.QuotaRefusedTooLong)
            {
                throw refusal.ToException(run.Pacer.QuotaKey, run.Pacer.Options.MaxRefusedTime);
            }
        }
    }

    /// <summary>A shot the run was stopped before or while it ran (see <see cref="ShotVideoStatus.Stopped"/>).</summary>
    public static ShotVideoResult Stopped(ShotPlan shot, Stopwatch? watch) =>
        Result(shot, ShotVideoStatus.Stopped, watch) with { Reason = "Stopped before the shot's turn; nothing was spent on it." };

    /// <summary>
    /// A shot this run left to another run and waited for, now that the other run let go of it: its outcome as the
    /// ledger tells it. Nothing of this run's was approved for it, so anything but a recorded clip is left to a rerun.
    /// </summary>
    public static ShotVideoResult SettledByOther(ShotPlan shot, ShotVideoJob? job) => job switch
    {
        { State: ShotVideoJobState.Succeeded } => Result(shot, ShotVideoStatus.Skipped, null) with
        {
            VideoFilePath = job.ClipPath,
            OperationName = job.OperationName,
            Reason = "Another run recorded a clip for the shot while this run waited; it is kept.",
        },
        { IsLive: true } => Result(shot, ShotVideoStatus.NotStarted, null) with
        {
            OperationName = job.OperationName,
            Reason = $"The run that held the shot stopped without finishing it{(job.OperationName is null ? "" : "; its paid operation stays resumable")}: {shot.Key.Command(ShotVideoMode.Resume)}",
        },
        _ => Result(shot, ShotVideoStatus.NotStarted, null) with
        {
            Reason = $"The other run's attempt ended {job?.State.ToString() ?? "without a record"}{(job?.ErrorText is { } why ? $" ({why})" : "")}: {shot.Key.Command(ShotVideoMode.Resume)}",
        },
    };

    /// <summary>A paid operation that stays resumable: the remedy is to run again, which finishes it at no new cost.</summary>
    private static string ResumeAction(ShotKey shot, ShotVideoException error) =>
        $"{(error.RecommendedAction is { } action ? action + " " : "")}The paid operation stays resumable: {shot.Command(ShotVideoMode.Resume)}";

    private static ShotVideoResult Failed(ShotPlan shot, RunContext run, Stopwatch watch, ShotVideoException error)
    {
        run.Stop(error);
        return Result(shot, ShotVideoStatus.Failed, watch) with { Error = error, Reason = error.Reason };
    }

    private static ShotVideoResult Result(ShotPlan shot, ShotVideoStatus status, Stopwatch? watch) => new()
    {
        Key = shot.Key,
        Status = status,
        Elapsed = watch?.Elapsed ?? TimeSpan.Zero,
        Warnings = shot.Warnings,
    };
}
