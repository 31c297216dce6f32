using System.Text.Json;
using System.Text.Json.Nodes;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Prompting;
using ShotVideo.Storage;
using ShotVideo.Takes;

namespace ShotVideo.Review;

/// <summary>
/// Reads a story's <see cref="ReviewPage"/>: the story and its shots once (through the same planner Get-ShotVideoPrompt
/// uses, so the prompt and references shown are the ones ShotVideo sends), the ledger once, and the clip files.
/// </summary>
internal sealed class ReviewPageBuilder(StoryDatabase database, string publicRoot)
{
    private readonly ShotTakes _takes = new(database, publicRoot);

    public async Task<ReviewPage> BuildAsync(Guid storyId, CancellationToken cancellationToken)
    {
        // A preview plan (no backend, ledger not read): every shot as it would be sent now. References whose design has
        // no image yet are left out rather than failing the page.
        var plan = await new RunPlanner(database, generator: null, new ShotVideoOptions { PublicRoot = publicRoot }).PlanAsync(
            new RunSelection(storyId) { Mode = ShotVideoMode.Override, ReadLedger = false, AllowMissingReferences = true },
            cancellationToken).ConfigureAwait(false);
        var jobs = await database.Jobs.ListJobsAsync(storyId, null, null, liveOnly: false, cancellationToken).ConfigureAwait(false);
        // Newest first, as the ledger lists them.
        var attempts = jobs.ToLookup(job => (job.SceneletId, job.ShotIndex));
        var scenelets = plan.Shots
            .GroupBy(shot => (shot.Shot.SceneletSequence, shot.SceneletId))
            .OrderBy(group => group.Key.SceneletSequence)
            .Select(group => new ReviewScenelet(
                group.Key.SceneletId,
                group.Key.SceneletSequence,
                [.. group.Select(shot => Shot(shot, [.. attempts[(shot.SceneletId, shot.ShotIndex)]]))]))
            .ToList();
        return new ReviewPage(plan.StoryId, plan.StoryName, jobs.Sum(job => job.CostUsd ?? 0m), DateTimeOffset.UtcNow, scenelets);
    }

    private ReviewShot Shot(ShotPlan planned, IReadOnlyList<ShotVideoJob> attempts)
    {
        var shot = planned.Shot;
        var recorded = ClipFileCheck.Check(publicRoot, shot);
        // No clip location means the scenelet id is not safe in a path: there is no folder to look in.
        var takes = planned.Clip is null ? [] : _takes.Of(shot, attempts);
        var made = shot.VideoFilePath is null
            ? null
            : takes.FirstOrDefault(take => take.IsCurrent && take.VideoFilePath == shot.VideoFilePath) is { } current
                ? attempts.FirstOrDefault(job => job.Id == current.JobId)
                // A clip recorded outside the shot's own folder (by hand, or by an older version) has no takes.
                : attempts.FirstOrDefault(job => job.State == ShotVideoJobState.Succeeded && job.ClipPath == shot.VideoFilePath);
        // The request the page shows: the one that made the recorded clip or, with no clip recorded, the newest one sent
        // (a filtered or failed attempt's). Without one (nothing sent yet, or sent before the ledger kept requests), what
        // a new take would send, and the page says which it shows.
        var sent = shot.VideoFilePath is null ? attempts.FirstOrDefault(job => job.Sent is not null)?.Sent : made?.Sent;
        ReviewClip? clip = null;
        if (recorded.FullPath is not null)
        {
            clip = new ReviewClip(
                PublicPath.FromPublic(shot.VideoFilePath!, $"clip of {shot.Key}"), recorded.Bytes, recorded.Duration, made?.CostUsd, made?.Model, made?.FinishedAt);
        }

        // The newest attempt that ended says how the shot stands; live ones have not ended and abandoned ones never ran.
        var last = attempts.FirstOrDefault(job => !job.IsLive && job.State != ShotVideoJobState.Abandoned);
        var (status, reason) = recorded.Problem switch
        {
            ClipFileState.Missing => (ReviewShotStatus.Missing, null),
            ClipFileState.Broken => (ReviewShotStatus.Broken, recorded.Detail),
            _ => last?.State switch
            {
                ShotVideoJobState.Filtered => (ReviewShotStatus.Filtered, last.ErrorText),
                ShotVideoJobState.Failed or ShotVideoJobState.Expired => (ReviewShotStatus.Failed, last.ErrorText),
                _ => (recorded.State == ClipFileState.Whole ? ReviewShotStatus.Generated : ReviewShotStatus.NoClip, (string?)null),
            },
        };
        return new ReviewShot(
            shot.ShotIndex,
            status,
            reason,
            KeyFrame(shot),
            clip,
            [.. (sent?.References ?? planned.References).Where(reference => reference.Sent)
                .Select(reference => new ReviewReference(reference.Kind, reference.SourceId, PublicPath.FromGenerated(reference.Path, reference.ToString())))],
            attempts.Sum(job => job.CostUsd ?? 0m),
            attempts.Count,
            sent?.Prompt ?? planned.PromptText,
            EarlierTakes(takes, attempts, sent),
            Caption(shot))
        {
            RequestRecorded = sent is not null,
            ChangedSinceSent = sent?.DiffersFrom(planned.PromptText, planned.References) == true,
        };
    }

    private static PublicPath? KeyFrame(ShotRecord shot)
    {
        if (string.IsNullOrWhiteSpace(shot.KeyFrameImagePath))
        {
            return null;
        }

        try
        {
            return PublicPath.FromGenerated(shot.KeyFrameImagePath, $"key frame of {shot.Key}");
        }
        catch (ShotVideoException)
        {
            // A path that would leave public/ is never linked; the plan reports it for the shot.
            return null;
        }
    }

    /// <summary>The whole clips among the shot's kept takes, oldest (lowest take number) first.</summary>
    /// <param name="shown">The request the page shows for the shot; a take made from another is marked.</param>
    private List<ReviewClip> EarlierTakes(IReadOnlyList<ShotTake> takes, IReadOnlyList<ShotVideoJob> attempts, SentRequest? shown)
    {
        var earlier = new List<ReviewClip>();
        foreach (var take in takes.Where(take => !take.IsCurrent))
        {
            var path = PublicPath.FromPublic(take.VideoFilePath, "earlier take");
            var facts = ClipFileCheck.Inspect(publicRoot, path);
            if (facts.State == ClipFileState.Whole)
            {
                var made = attempts.FirstOrDefault(job => job.Id == take.JobId);
                earlier.Add(new ReviewClip(path, facts.Bytes, facts.Duration, made?.CostUsd, made?.Model, take.CreatedAt)
                {
                    OtherRequest = made?.Sent is { } takeSent && shown is not null && takeSent.DiffersFrom(shown.Prompt, shown.References),
                });
            }
        }

        return earlier;
    }

    /// <summary>What the shot should show, from its storyboard: "framing: composition"; null when the payload has neither.</summary>
    private static string? Caption(ShotRecord shot)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(shot.StoryboardPayloadJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null)
        {
            return null;
        }

        var parts = new[] { "framing_and_angle", "composition_and_content" }
            .Select(key => JsonKeys.TryGetString(payload, key, out var text) ? text : null)
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .ToList();
        return parts.Count == 0 ? null : string.Join(": ", parts);
    }
}
