using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Security;
using ShotVideo.Generation;
using ShotVideo.Planning;
using ShotVideo.PowerShell.Parameters;
using ShotVideo.Veo;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// <c>Invoke-ShotVideo</c>: binds the targeted shots, has Core plan each story's run, asks about each shot to start or
/// resume through ShouldProcess (<c>-WhatIf</c> shows the plan; ConfirmImpact is High; <c>-MaxCostUsd</c> caps the
/// spend), runs exactly the approved shots and writes their results. Shots come from the pipeline (e.g.
/// <c>Get-Shot -MissingVideo</c>) or from <c>-StoryId [-SceneletId] [-ShotIndex]</c>.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ShotVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = BackendSet)]
[OutputType("ShotVideo.Generation.ShotVideoResult", "ShotVideo.Generation.ShotVideoRunResult")]
public sealed class InvokeShotVideoCommand : ShotScopeCmdlet
{
    private const string BackendSet = "Backend";
    private const string StubSet = "Stub";

    /// <summary>
    /// The global variable that holds how many shots the last Invoke-ShotVideo left to other live runs (without -Wait):
    /// the shotvideo host exits with 2 when it is not zero.
    /// </summary>
    public const string LeftToOtherRunsVariable = "ShotVideoShotsLeftToOtherRuns";

    // Insertion order: stories run in the order they were first named.
    private readonly List<(Guid StoryId, List<ShotFilter> Filters)> _stories = [];
    private bool _stopOnShotFailure;

    /// <summary>Default refuses when a targeted shot has a clip; Resume skips those; Override regenerates them.</summary>
    [Parameter]
    public ShotVideoRunMode Mode { get; set; } = ShotVideoRunMode.Default;

    /// <summary>Shots in flight at once: enough for the quota's rate times Veo's latency (start requests are paced separately).</summary>
    [Parameter]
    [ValidateRange(1, ShotVideoOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ShotVideoOptions.DefaultThrottleLimit;

    /// <summary>Start requests per minute: your project's Veo quota (default SHOTVIDEO_STARTS_PER_MINUTE, else the published quota).</summary>
    [Parameter(ParameterSetName = BackendSet)]
    [ValidateRange(0.1, 100_000)]
    public double? StartsPerMinute { get; set; }

    /// <summary>GeminiApi or VertexAi; by default chosen from GEMINI_API_KEY or GOOGLE_CLOUD_PROJECT.</summary>
    [Parameter(ParameterSetName = BackendSet)]
    public ShotVideoBackend? Backend { get; set; }

    /// <summary>The offline stub backend: a free placeholder clip, to try the pipeline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StubSet)]
    public SwitchParameter Stub { get; set; }

    [Parameter(ParameterSetName = BackendSet)]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>The Gemini API key; defaults to GEMINI_API_KEY.</summary>
    [Parameter(ParameterSetName = BackendSet)]
    public SecureString? ApiKey { get; set; }

    /// <summary>The Google Cloud project for Vertex AI; defaults to GOOGLE_CLOUD_PROJECT.</summary>
    [Parameter(ParameterSetName = BackendSet)]
    [ValidateNotNullOrEmpty]
    public string? Project { get; set; }

    /// <summary>The Vertex AI location; defaults to GOOGLE_CLOUD_LOCATION, then us-central1.</summary>
    [Parameter(ParameterSetName = BackendSet)]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>How often a running operation is polled (default 10 seconds).</summary>
    [Parameter]
    public TimeSpan? PollInterval { get; set; }

    /// <summary>The longest wait a server's Retry-After is honoured for (default 60 seconds); a longer one fails the shot.</summary>
    [Parameter]
    public TimeSpan? MaxRetryWait { get; set; }

    /// <summary>The most this command may spend: shots are approved in plan order while the estimated total stays within it.</summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    public decimal? MaxCostUsd { get; set; }

    /// <summary>Generate shots whose characters or environments have no reference image yet, without them.</summary>
    [Parameter]
    public SwitchParameter AllowMissingReferences { get; set; }

    /// <summary>Wait for shots other live runs hold, and report how they ended, instead of leaving them to those runs.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Mode Resume, make recorded clips whose file is missing or broken again (a paid operation the ledger
    /// holds is finished first, at no cost); without it Resume skips them with a warning.</summary>
    [Parameter]
    public SwitchParameter Repair { get; set; }

    /// <summary>Also write each story's run summary to the output (it always goes to the information stream).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // -WhatIf and -ErrorAction may come from preference variables: read them on the pipeline thread, where session
    // state may be read safely, before any block runs on a worker.
    protected override void CaptureSessionState()
    {
        base.CaptureSessionState();
        var errorAction = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
            ? bound
            : GetVariableValue("ErrorActionPreference");
        _stopOnShotFailure = errorAction is not null && LanguagePrimitives.ConvertTo<ActionPreference>(errorAction) == ActionPreference.Stop;
        SessionState.PSVariable.Set("global:" + LeftToOtherRunsVariable, 0);
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Each record (the parameters, or one object from the pipeline) adds a filter to its story.
        var story = _stories.Find(s => s.StoryId == StoryId);
        if (story.Filters is null)
        {
            story = (StoryId, []);
            _stories.Add(story);
        }

        var filter = new ShotFilter(SceneletId, ShotIndex);
        if (!story.Filters.Contains(filter))
        {
            story.Filters.Add(filter);
        }

        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_stories.Count == 0)
        {
            // Nothing came down the pipeline (e.g. Get-Shot -MissingVideo found no shot): there is nothing to do.
            return;
        }

        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        using var generator = VideoGeneratorFactory.Create(new VideoGeneratorSettings
        {
            Backend = Stub ? VideoBackend.Stub : Backend is { } backend ? CoreEnum.From<VideoBackend>(backend) : null,
            Model = Model,
            ApiKey = ApiKey is null ? null : new NetworkCredential(string.Empty, ApiKey).Password,
            Project = Project,
            Location = Location,
            PollInterval = PollInterval,
            MaxRetryAfter = MaxRetryWait,
        });
        WriteVerbose($"Backend {generator.Backend}, model {generator.Model}.");
        var task = new ShotVideoTask(database, generator, new ShotVideoOptions
        {
            PublicRoot = ResolvePublicRoot(),
            ThrottleLimit = ThrottleLimit,
            StartsPerMinute = StartsPerMinute,
            ContinueAfterShotFailure = !_stopOnShotFailure,
            WaitForOtherRuns = Wait,
        });
        int leftToOtherRuns = 0;
        foreach (var (storyId, filters) in _stories)
        {
            var plan = await task.PlanAsync(
                new RunSelection(storyId)
                {
                    Filters = filters.Contains(new ShotFilter(null, null)) ? null : filters,
                    Mode = CoreEnum.From<ShotVideoMode>(Mode),
                    IncludeKeyFrame = !NoKeyFrame,
                    AllowMissingReferences = AllowMissingReferences,
                    Repair = Repair,
                },
                cancellationToken).ConfigureAwait(false);
            var approval = await ApproveAsync(plan, generator).ConfigureAwait(false);
            if (WhatIfRequested)
            {
                ShowNotice(WhatIfSummary(plan, approval));
                continue;
            }

            var progress = new InvokeShotVideoProgress(plan, this);
            var run = await task.ExecuteAsync(approval, progress, cancellationToken).ConfigureAwait(false);
            if (run.Interrupted)
            {
                // The pipeline is stopping and takes no more output: tell the operator through the host what was left.
                Host.UI.WriteWarningLine($"Stopped. {run} Claims were released; nothing half-written was kept. Resume with: {run.ResumeCommand}");
                return;
            }

            progress.Complete();
            WriteSummary(run);
            leftToOtherRuns += run.Claimed;
            // Scheduled automation (the shotvideo host's exit code 2) learns that shots were left to other runs.
            int left = leftToOtherRuns;
            OnPipelineThread(() => SessionState.PSVariable.Set("global:" + LeftToOtherRunsVariable, left));
            if (run.StoppedBy is { AffectsEveryShot: true } everyShot)
            {
                // Reported once, after the shots in flight were stored and recorded.
                throw everyShot;
            }
        }
    }

    /// <summary>Asks about each shot to start or resume, in plan order, while the budget allows; warns of the rest.</summary>
    private async Task<RunApproval> ApproveAsync(RunPlan plan, IVideoGenerator generator)
    {
        foreach (var warning in plan.Warnings)
        {
            WriteWarning(warning);
        }

        var approval = new RunApproval(plan, MaxCostUsd);
        foreach (var shot in plan.Shots)
        {
            foreach (var warning in shot.Warnings)
            {
                WriteWarning(warning);
            }

            if (shot.Decision == ShotDecision.Refused && WhatIfRequested)
            {
                WriteWarning($"Would refuse {shot.Refusal!.Message}");
            }

            if (shot.Decision is not (ShotDecision.Generate or ShotDecision.Resume))
            {
                continue;
            }

            if (!approval.FitsBudget(shot))
            {
                WriteWarning($"{(WhatIfRequested ? "Would not start" : "Not starting")} {shot.Key}: {approval.WhyNotApproved(shot.Key)}");
                continue;
            }

            // Under -WhatIf the answer is always no; the shot still counts toward the budget the summary shows.
            var text = WhatIfText(shot, generator);
            if (await ShouldProcessAsync(text, text + " Continue?", "Generate a video clip (costs money)").ConfigureAwait(false) || WhatIfRequested)
            {
                approval.Approve(shot);
            }
        }

        return approval;
    }

    internal void WriteResult(ShotVideoResult result) => WriteObject(result);

    internal void WriteShotError(ShotVideoException error, ShotKey shot) => WriteFailure(error, shot);

    internal void ShowWarning(string text) => WriteWarning(text);

    internal void ShowVerbose(string text) => WriteVerbose(text);

    internal void ShowProgress(ProgressRecord record) => WriteProgress(record);

    /// <summary>The run summary goes to the information stream (shown like Write-Host); -PassThru also outputs it.</summary>
    private void WriteSummary(ShotVideoRunResult run)
    {
        var record = new InformationRecord(run, MyInvocation.MyCommand.Name);
        record.Tags.Add("PSHOST");
        record.Tags.Add("ShotVideoSummary");
        WriteInformation(record);
        if (PassThru)
        {
            WriteObject(run);
        }
    }

    private static string WhatIfText(ShotPlan shot, IVideoGenerator generator)
    {
        if (shot.Decision == ShotDecision.Resume)
        {
            return $"Resume {shot.Key}: finish the paid operation {shot.OperationName} with {generator.Backend}, to {shot.ClipPath}, $0.00 (already paid).";
        }

        var sent = shot.References.Where(r => r.Sent).ToList();
        var references = sent.Count == 0 ? "no reference images" : string.Join(", ", sent.Select(r => $"{r.Kind} {r.SourceId}"));
        var notSent = shot.References.Count - sent.Count;
        var cost = shot.EstimatedCostUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $"~${usd:0.00}") : "unknown cost";
        return $"Generate {shot.Key} with {generator.Backend} {generator.Model} ({references}{(notSent > 0 ? $"; {notSent} not sent" : "")}) to {shot.ClipPath}, {cost}.";
    }

    private static string WhatIfSummary(RunPlan plan, RunApproval approval)
    {
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"What if: {plan.StoryName}: {plan.Count(ShotDecision.Generate)} to generate (~${plan.EstimatedCostUsd:0.00}), {plan.Count(ShotDecision.Resume)} to resume ($0.00), "
            + $"{plan.Count(ShotDecision.Skip)} skipped, {plan.Count(ShotDecision.Claimed)} claimed by other runs, {plan.Count(ShotDecision.Refused)} refused.");
        return approval.MaxCostUsd is { } budget
            ? summary + string.Create(CultureInfo.InvariantCulture, $" Budget ${budget:0.00}: ~${approval.ApprovedCostUsd:0.00} of it would be spent.")
            : summary;
    }
}
