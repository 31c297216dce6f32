using System.Management.Automation;
using System.Net;
using System.Security;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Errors;
using ShotVideo.PowerShell.Parameters;
using ShotVideo.Veo;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// <c>Invoke-ShotVideo</c>: generates, stores and records a clip for each targeted shot. Every clip costs money, so each
/// shot goes through ShouldProcess (<c>-WhatIf</c> shows the plan — references, target path, estimated cost — and
/// spends nothing; ConfirmImpact is High). Shots come from the pipeline (e.g. <c>Get-Shot -MissingVideo</c>) or from
/// <c>-StoryId [-SceneletId] [-ShotIndex]</c>.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ShotVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType("ShotVideo.Generation.ShotVideoResult", "ShotVideo.Generation.ShotVideoRunResult")]
public sealed class InvokeShotVideoCommand : ShotScopeCmdlet
{
    // Insertion order: stories run in the order they were first named.
    private readonly List<StoryTarget> _targets = new();
    private bool _whatIf;
    private bool _stopOnShotFailure;

    /// <summary>Default refuses when a targeted shot has a clip; Resume skips those; Override regenerates them.</summary>
    [Parameter]
    public ShotVideoRunMode Mode { get; set; } = ShotVideoRunMode.Default;

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>GeminiApi, VertexAi or Stub; by default chosen from GEMINI_API_KEY or GOOGLE_CLOUD_PROJECT.</summary>
    [Parameter]
    public ShotVideoBackend? Backend { get; set; }

    /// <summary>Shorthand for <c>-Backend Stub</c>: a free placeholder clip, to try the pipeline offline.</summary>
    [Parameter]
    public SwitchParameter Stub { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>The Gemini API key; defaults to GEMINI_API_KEY.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>The Google Cloud project for Vertex AI; defaults to GOOGLE_CLOUD_PROJECT.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Project { get; set; }

    /// <summary>The Vertex AI location; defaults to GOOGLE_CLOUD_LOCATION, then us-central1.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>How often a running operation is polled (default 10 seconds).</summary>
    [Parameter]
    public TimeSpan? PollInterval { get; set; }

    // -WhatIf and -ErrorAction may come from preference variables: read them on the pipeline thread, where session
    // state may be read safely, before any block runs on a worker.
    protected override void CaptureSessionState()
    {
        base.CaptureSessionState();
        _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        var errorAction = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
            ? bound
            : GetVariableValue("ErrorActionPreference");
        _stopOnShotFailure = errorAction is not null && LanguagePrimitives.ConvertTo<ActionPreference>(errorAction) == ActionPreference.Stop;
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Each record (the parameters, or one object from the pipeline) adds a scope to its story: the whole story, a
        // scenelet, or one shot (e.g. a shot from Get-Shot).
        var target = _targets.Find(t => t.StoryId == StoryId);
        if (target is null)
        {
            target = new StoryTarget(StoryId);
            _targets.Add(target);
        }

        if (!target.Scopes.Contains((SceneletId, ShotIndex)))
        {
            target.Scopes.Add((SceneletId, ShotIndex));
        }

        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (Stub && Backend is not null and not ShotVideoBackend.Stub)
        {
            throw new ShotVideoException("ShotVideoConflictingBackend", ShotVideoErrorKind.InvalidArgument, $"-Stub and -Backend {Backend} contradict each other; pass one.");
        }

        if (_targets.Count == 0)
        {
            // Nothing came down the pipeline (e.g. Get-Shot -MissingVideo found no shot): there is nothing to do.
            return;
        }

        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        using var generator = VideoGeneratorFactory.Create(new VideoGeneratorSettings
        {
            Backend = Stub ? VideoBackend.Stub : (VideoBackend?)Backend,
            Model = Model,
            ApiKey = ApiKey is null ? null : new NetworkCredential(string.Empty, ApiKey).Password,
            Project = Project,
            Location = Location,
            PollInterval = PollInterval,
        });
        WriteVerbose($"Backend {generator.Backend}, model {generator.Model}.");
        var task = new ShotVideoTask(database, generator);
        foreach (var target in _targets)
        {
            var options = await TargetOptionsAsync(database, target, cancellationToken).ConfigureAwait(false);
            await RunStoryAsync(task, generator, target.StoryId, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The run options for one story: one scope is passed to the task as it is (so the task reports a scope
    /// without shots); several (e.g. shots piped from Get-Shot) become the exact list of shots they name.</summary>
    private async Task<ShotVideoOptions> TargetOptionsAsync(StoryDatabase database, StoryTarget target, CancellationToken cancellationToken)
    {
        var options = new ShotVideoOptions
        {
            Mode = (ShotVideoMode)Mode,
            IncludeKeyFrame = !NoKeyFrame,
            PublicRoot = ResolvePublicRoot(),
            ThrottleLimit = ThrottleLimit,
            ContinueAfterShotFailure = !_stopOnShotFailure,
        };
        if (target.Scopes.Contains((null, null)))
        {
            return options;
        }

        if (target.Scopes.Count == 1)
        {
            return options with { SceneletId = target.Scopes[0].SceneletId, ShotIndex = target.Scopes[0].ShotIndex };
        }

        var shots = new List<(string SceneletId, int ShotIndex)>();
        foreach (var (sceneletId, shotIndex) in target.Scopes)
        {
            var found = sceneletId is not null && shotIndex is not null
                ? [(sceneletId, shotIndex.Value)]
                : (await database.Shots.ListShotsAsync(target.StoryId, sceneletId, shotIndex, cancellationToken).ConfigureAwait(false))
                    .Select(shot => (shot.SceneletId, shot.ShotIndex))
                    .ToList();
            if (found.Count == 0)
            {
                throw new ShotVideoException(
                    "ShotVideoShotNotFound",
                    ShotVideoErrorKind.ObjectNotFound,
                    $"Story {target.StoryId} has no shot{(shotIndex is null ? "s" : $" {shotIndex}")}{(sceneletId is null ? string.Empty : $" in scenelet {sceneletId}")}.")
                {
                    StoryId = target.StoryId,
                };
            }

            shots.AddRange(found.Where(key => !shots.Contains(key)));
        }

        // The task checks that the shots named exactly (scenelet and index) exist.
        return options with { Shots = shots };
    }

    private async Task RunStoryAsync(ShotVideoTask task, IVideoGenerator generator, Guid storyId, ShotVideoOptions options, CancellationToken cancellationToken)
    {
        // First the plan (no call, no write), so that -WhatIf and -Confirm can name each shot's references and cost.
        var plan = await task.RunAsync(storyId, options with { DryRun = true }, PlanProgress(_whatIf), cancellationToken).ConfigureAwait(false);
        var approved = new List<(string SceneletId, int ShotIndex)>();
        foreach (var shot in plan.Shots.Where(s => s.Status == ShotVideoStatus.Planned))
        {
            if (await ShouldProcessAsync(WhatIfText(shot, generator), ConfirmText(shot, generator), "Generate a video clip (costs money)").ConfigureAwait(false))
            {
                approved.Add((shot.SceneletId, shot.ShotIndex));
            }
        }

        var skipped = plan.Shots.Where(s => s.Status == ShotVideoStatus.Skipped).ToList();
        if (_whatIf || approved.Count == 0)
        {
            // Nothing to spend: -WhatIf shows the plan; when every planned shot was declined, what is left are the
            // shots skipped (a real run with no shots would be refused in Default mode).
            var shown = _whatIf ? plan : new ShotVideoRunResult(plan.StoryId, plan.Mode, skipped) { Elapsed = plan.Elapsed };
            foreach (var shot in shown.Shots)
            {
                WriteObject(shot);
            }

            WriteObject(shown);
            return;
        }

        var progress = RunProgress(storyId);
        var run = await task.RunAsync(
                storyId,
                options with { Shots = [.. approved, .. skipped.Select(s => (s.SceneletId, s.ShotIndex))], SceneletId = null, ShotIndex = null },
                progress,
                cancellationToken)
            .ConfigureAwait(false);
        progress.Complete();
        WriteObject(run);
        if (run.StoppedBy is { AffectsEveryShot: true } everyShot)
        {
            // Reported once, after the shots in flight were stored and recorded.
            throw everyShot;
        }
    }

    /// <summary>Progress for the real run: a progress bar, verbose steps, warnings, and each result as it finishes.</summary>
    private InvokeShotVideoProgress RunProgress(Guid storyId) => new(
        $"Generating shot videos for story {storyId}",
        WriteProgress,
        WriteVerbose,
        WriteWarning,
        (result, shot) =>
        {
            WriteObject(result);
            if (result.Error is { AffectsEveryShot: false } error)
            {
                WriteError(ShotVideoErrorRecords.Create(error, shot));
            }
            else if (result.Status == ShotVideoStatus.Filtered)
            {
                // Not a failure of the run (nothing was charged), but the shot has no clip: the operator must act.
                WriteError(ShotVideoErrorRecords.Create(
                    new ShotVideoException("ShotVideoSafetyFiltered", ShotVideoErrorKind.InvalidData, result.Reason ?? "Veo withheld the clip for safety reasons.")
                    {
                        StoryId = result.StoryId,
                        SceneletId = result.SceneletId,
                        ShotIndex = result.ShotIndex,
                    },
                    shot));
            }
        });

    /// <summary>Progress for the plan: quiet (it is quick, and the real run reports the same steps), except that a
    /// -WhatIf preview shows the warnings the run would give.</summary>
    private InvokeShotVideoProgress PlanProgress(bool whatIf) =>
        new("Planning", _ => { }, _ => { }, whatIf ? WriteWarning : _ => { }, (_, _) => { });

    private static string WhatIfText(ShotVideoResult shot, IVideoGenerator generator)
    {
        var references = shot.References.Count == 0
            ? "no reference images"
            : string.Join(", ", shot.References.Select(r => $"{r.Kind} {r.SourceId}"));
        var cost = shot.EstimatedCostUsd is { } usd ? $"~${usd:0.00}" : "unknown cost";
        return $"Generate a clip for story {shot.StoryId}, scenelet {shot.SceneletId}, shot {shot.ShotIndex} with {generator.Backend} {generator.Model} "
            + $"({references}) to {shot.VideoFilePath}, {cost}.";
    }

    private static string ConfirmText(ShotVideoResult shot, IVideoGenerator generator) =>
        $"{WhatIfText(shot, generator)} Continue?";

    /// <summary>One story to run and the scopes named for it: (null, null) is the whole story.</summary>
    private sealed class StoryTarget(Guid storyId)
    {
        public Guid StoryId { get; } = storyId;

        public List<(string? SceneletId, int? ShotIndex)> Scopes { get; } = new();
    }
}
