using System.Management.Automation;
using System.Net;
using System.Security;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Completion;
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
public sealed class InvokeShotVideoCommand : AssetCmdlet
{
    // Insertion order: stories run in the order they were first named.
    private readonly List<StoryTarget> _targets = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid StoryId { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SceneletIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SceneletId { get; set; }

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? ShotIndex { get; set; }

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

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var target = _targets.Find(t => t.StoryId == StoryId && t.Piped == MyInvocation.ExpectingInput);
        if (target is null || !target.Piped)
        {
            target = new StoryTarget(StoryId, MyInvocation.ExpectingInput, SceneletId, ShotIndex);
            _targets.Add(target);
        }

        // A shot piped in (e.g. from Get-Shot) names itself; the run targets exactly the shots that came down the pipeline.
        if (target.Piped && SceneletId is not null && ShotIndex is not null)
        {
            target.Shots.Add((SceneletId, ShotIndex.Value));
        }

        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (Stub && Backend is not null and not ShotVideoBackend.Stub)
        {
            throw new ShotVideoException("ShotVideoConflictingBackend", ShotVideoErrorKind.InvalidArgument, $"-Stub and -Backend {Backend} contradict each other; pass one.");
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
            await RunStoryAsync(task, generator, target, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunStoryAsync(ShotVideoTask task, IVideoGenerator generator, StoryTarget target, CancellationToken cancellationToken)
    {
        var options = new ShotVideoOptions
        {
            Mode = (ShotVideoMode)Mode,
            SceneletId = target.Piped ? null : target.SceneletId,
            ShotIndex = target.Piped ? null : target.ShotIndex,
            Shots = target.Piped ? target.Shots : null,
            IncludeKeyFrame = !NoKeyFrame,
            PublicRoot = ResolvePublicRoot(),
            ThrottleLimit = ThrottleLimit,
            ContinueAfterShotFailure = ErrorActionIsNotStop(),
        };

        // First the plan (no call, no write), so that -WhatIf and -Confirm can name each shot's references and cost.
        var whatIf = IsWhatIf();
        var plan = await task.RunAsync(target.StoryId, options with { DryRun = true }, PlanProgress(whatIf), cancellationToken).ConfigureAwait(false);
        var approved = new List<(string SceneletId, int ShotIndex)>();
        foreach (var shot in plan.Shots.Where(s => s.Status == ShotVideoStatus.Planned))
        {
            if (await ShouldProcessAsync(WhatIfText(shot, generator), ConfirmText(shot, generator), "Generate a video clip (costs money)").ConfigureAwait(false))
            {
                approved.Add((shot.SceneletId, shot.ShotIndex));
            }
        }

        if (whatIf)
        {
            foreach (var shot in plan.Shots)
            {
                WriteObject(shot);
            }

            WriteObject(plan);
            return;
        }

        var skipped = plan.Shots.Where(s => s.Status == ShotVideoStatus.Skipped).Select(s => (s.SceneletId, s.ShotIndex));
        var progress = RunProgress(target.StoryId);
        var run = await task.RunAsync(target.StoryId, options with { Shots = [.. approved, .. skipped], SceneletId = null, ShotIndex = null }, progress, cancellationToken)
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

    private bool IsWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? ((SwitchParameter)bound).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool ErrorActionIsNotStop()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
            ? bound
            : GetVariableValue("ErrorActionPreference");
        return !Equals(LanguagePrimitives.ConvertTo<ActionPreference>(preference), ActionPreference.Stop);
    }

    /// <summary>One story to run: its scope when named by parameters, or the shots that came down the pipeline.</summary>
    private sealed record StoryTarget(Guid StoryId, bool Piped, string? SceneletId, int? ShotIndex)
    {
        public HashSet<(string SceneletId, int ShotIndex)> Shots { get; } = new();
    }
}
