using System.Text.Encodings.Web;
using System.Text.Json;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Prompting;
using ShotVideo.References;
using ShotVideo.Review;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Planning;

/// <summary>
/// Builds a <see cref="RunPlan"/>: reads the story, its shots and the ledger once, and decides each targeted shot.
/// Problems with the request as a whole (no such story, no design document, clips already there in Default mode, a
/// filter that matches no shot) throw; problems with one shot make it Refused.
/// </summary>
internal sealed class RunPlanner(StoryDatabase database, IVideoGenerator? generator, ShotVideoOptions options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<RunPlan> PlanAsync(RunSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Repair && selection.Mode != ShotVideoMode.Resume)
        {
            throw ShotVideoErrors.RepairNeedsResume(selection.StoryId, selection.Mode);
        }

        var story = await database.Stories.GetStoryAsync(selection.StoryId, cancellationToken).ConfigureAwait(false);
        var document = VisualDesignDocument.Parse(story.Id, story.VisualDesignDocumentJson);
        var shots = Target(await database.Shots.ListShotsAsync(story.Id, null, null, cancellationToken).ConfigureAwait(false), selection);
        if (selection.Mode == ShotVideoMode.Default)
        {
            RefuseDefaultRun(story.Id, shots);
        }

        var ledger = selection.ReadLedger
            ? await database.Jobs.ReadSnapshotAsync(story.Id, options.ClaimStaleAfter, cancellationToken).ConfigureAwait(false)
            : LedgerSnapshot.None;
        var root = new AssetRoot(options.PublicRoot);
        var shotPlanner = new ShotPlanner(
            selection, document, options.PublicRoot, new ClipStore(options.PublicRoot), new ReferenceImageSelector(root, new ReferenceImageFiles(root.PublicRoot)), generator);
        var plans = new List<ShotPlan>(shots.Count);
        foreach (var shot in shots)
        {
            plans.Add(await shotPlanner.PlanAsync(shot, ledger.Of(shot.Key), options.Worker, cancellationToken).ConfigureAwait(false));
        }

        return new RunPlan(story.Id, story.DisplayName, selection.Mode, generator?.Backend, generator?.Model, ledger.At, plans, document.Warnings);
    }

    private static List<ShotRecord> Target(IReadOnlyList<ShotRecord> shots, RunSelection selection)
    {
        if (selection.Filters is not { } filters)
        {
            return [.. shots];
        }

        var unmatched = filters.Where(filter => !shots.Any(shot => filter.Matches(shot.Key))).Distinct().ToList();
        if (unmatched.Count > 0)
        {
            throw ShotVideoErrors.ShotNotFound(selection.StoryId, string.Join(", ", unmatched));
        }

        return [.. shots.Where(shot => filters.Any(filter => filter.Matches(shot.Key)))];
    }

    private static void RefuseDefaultRun(Guid storyId, IReadOnlyList<ShotRecord> shots)
    {
        if (shots.Count == 0)
        {
            throw ShotVideoErrors.NoShots(storyId);
        }

        var withClips = shots.Where(HasClip).ToList();
        if (withClips.Count > 0)
        {
            throw ShotVideoErrors.ClipsExist(storyId, withClips.Select(shot => (shot.Key, shot.VideoFilePath!)));
        }
    }

    private static bool HasClip(ShotRecord shot) => !string.IsNullOrWhiteSpace(shot.VideoFilePath);

    /// <summary>Decides one shot. The order matters: a kept clip first (in Resume mode only one whose file is whole, with
    /// -Repair), then another live run, then a paid operation to finish, then an uncertain start, and only then a new,
    /// paid clip.</summary>
    private sealed class ShotPlanner(
        RunSelection selection, VisualDesignDocument document, string publicRoot, ClipStore clips, ReferenceImageSelector references, IVideoGenerator? generator)
    {
        public async Task<ShotPlan> PlanAsync(ShotRecord shot, LedgerSnapshot.LiveAttempt? live, LedgerWorker worker, CancellationToken cancellationToken)
        {
            var plan = new ShotPlan { Key = shot.Key, Shot = shot, Decision = ShotDecision.Generate };
            var warnings = new List<string>();
            try
            {
                plan = plan with { Clip = clips.Locate(shot.Key) };
                if (selection.Mode == ShotVideoMode.Resume && HasClip(shot) && live?.Job.OperationName is null)
                {
                    // A recorded path is not a clip: after a clean clone, a moved public/ or a deleted file it points at nothing.
                    var recorded = ClipFileCheck.Check(publicRoot, shot);
                    plan = plan with { RecordedClip = recorded.State };
                    if (recorded.Problem is null)
                    {
                        return plan with { Decision = ShotDecision.Skip, Reason = $"The shot has a clip ({shot.VideoFilePath}); Resume keeps it." };
                    }

                    var what = $"{shot.Key}: the recorded clip {shot.VideoFilePath} is {ClipFileCheck.Describe(recorded)}.";
                    if (!selection.Repair)
                    {
                        return plan with
                        {
                            Decision = ShotDecision.Skip,
                            Reason = $"The shot records a clip ({shot.VideoFilePath}) that is {ClipFileCheck.Describe(recorded)}; Resume keeps the record without -Repair.",
                            Warnings = [$"{what} Resume keeps the record; add -Repair to make the clip again."],
                        };
                    }

                    // A kept take is a paid clip already on disk: point the operator at it rather than pay again.
                    if (clips.Takes.List(shot.Key).Where(take => take.Take > 0 && take.Bytes > 0).MaxBy(take => take.Take) is { } kept)
                    {
                        var restore = $"Set-ShotVideoTake {shot.Key.Parameters} -Take {kept.Take}";
                        return plan with
                        {
                            Decision = ShotDecision.Skip,
                            Reason = $"The recorded clip is {ClipFileCheck.Describe(recorded)}, but take {kept.Take} ({kept.Location.RelativePath}) is kept: -Repair does not pay again while one is.",
                            Warnings = [$"{what} Take {kept.Take} is kept; make it current at no cost: {restore}"],
                        };
                    }

                    warnings.Add($"{what} -Repair makes it again.");
                }

                if (live is { Stale: false } held && held.Job.ClaimedBy != worker.RunId)
                {
                    return plan with
                    {
                        Decision = ShotDecision.Claimed,
                        Reason = $"Another run ({held.Job.ClaimedBy}) has been generating it since {held.Job.ClaimedAt:u}.",
                        ClaimedBy = held.Job.ClaimedBy,
                        ClaimedSince = held.Job.ClaimedAt,
                        OperationName = held.Job.OperationName,
                        Warnings = warnings,
                    };
                }

                if (live?.Job is { OperationName: { } operation } paid)
                {
                    return generator is not null && paid.Backend != generator.Backend
                        ? Refused(plan, ShotVideoErrors.ResumeBackendMismatch(shot.Key, paid.Backend.ToString(), operation))
                        : plan with
                        {
                            Decision = ShotDecision.Resume,
                            Reason = $"An earlier run's paid operation ({operation}) is finished at no new cost.",
                            OperationName = operation,
                            EstimatedCostUsd = 0m,
                        };
                }

                // A dead run's claim that never sent its start request is simply claimed anew.
                if (live?.Job is { StartUnanswered: true } uncertain)
                {
                    var what = $"An earlier start request (attempt {uncertain.Id}, claimed {uncertain.ClaimedAt:u}) never had its answer recorded"
                        + (uncertain.ErrorText is { } why ? $" ({why})." : ".");
                    if (selection.Mode != ShotVideoMode.Override)
                    {
                        return Refused(plan, ShotVideoErrors.StartUncertain(shot.Key, what));
                    }

                    warnings.Add($"{shot.Key}: {what} This Override run replaces it with a new, paid start request.");
                }

                return await GenerateAsync(plan, warnings, cancellationToken).ConfigureAwait(false);
            }
            catch (ShotVideoException refusal) when (!refusal.AffectsEveryShot)
            {
                return Refused(plan, refusal);
            }
        }

        private async Task<ShotPlan> GenerateAsync(ShotPlan plan, List<string> warnings, CancellationToken cancellationToken)
        {
            var payload = StoryboardPayload.Parse(plan.Shot);
            var prompt = ShotPromptBuilder.Build(payload, document);
            var selected = await references.SelectAsync(payload, document, selection.IncludeKeyFrame, selection.AllowMissingReferences, cancellationToken)
                .ConfigureAwait(false);
            var request = new VideoGenerationRequest(prompt.Text) { ReferenceImages = selected.Images };
            return plan with
            {
                PromptText = prompt.Text,
                Prompt = prompt.Content.ToJsonString(Indented),
                EstimatedTokens = prompt.EstimatedTokens,
                LikelyOverLimit = prompt.EstimatedTokens > ShotPromptBuilder.TokenLimit,
                References = selected.References,
                Request = request,
                EstimatedCostUsd = generator?.EstimateCostUsd(request),
                Warnings = [.. warnings, .. prompt.Warnings, .. selected.Warnings],
            };
        }

        private static ShotPlan Refused(ShotPlan plan, ShotVideoException refusal) =>
            plan with { Decision = ShotDecision.Refused, Refusal = refusal.ForShot(plan.Key), Reason = refusal.Reason, EstimatedCostUsd = null };
    }
}
