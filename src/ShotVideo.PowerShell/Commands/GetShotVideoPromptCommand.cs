using System.Management.Automation;
using ShotVideo.Generation;
using ShotVideo.Planning;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotVideoPrompt</c>: the plan of each targeted shot as Invoke-ShotVideo would send it now — the prompt
/// object, the exact text, its size estimate, the reference images sent and not sent, and warnings — without calling
/// the model. The objects are the same <c>ShotPlan</c>s Invoke-ShotVideo's -WhatIf shows; a shot that would be refused
/// is also reported as an error.</summary>
[Cmdlet(VerbsCommon.Get, "ShotVideoPrompt")]
[OutputType("ShotVideo.Planning.ShotPlan")]
public sealed class GetShotVideoPromptCommand : ShotScopeCmdlet
{
    /// <summary>Plan shots whose characters or environments have no reference image yet, without them.</summary>
    [Parameter]
    public SwitchParameter AllowMissingReferences { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        RunPlan plan;
        try
        {
            // A preview: every targeted shot planned as if generated now (Override, ledger not read), priced by no backend.
            plan = await new ShotVideoTask(database, generator: null, new ShotVideoOptions { PublicRoot = ResolvePublicRoot() }).PlanAsync(
                new RunSelection(StoryId)
                {
                    Filters = [new ShotFilter(SceneletId, ShotIndex)],
                    Mode = ShotVideoMode.Override,
                    IncludeKeyFrame = !NoKeyFrame,
                    AllowMissingReferences = AllowMissingReferences,
                    ReadLedger = false,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            // One record's problem (no such story or shot): the other records piped in still get their plans.
            WriteFailure(failure, StoryId);
            return;
        }

        foreach (var warning in plan.Warnings)
        {
            WriteWarning(warning);
        }

        foreach (var shot in plan.Shots)
        {
            foreach (var warning in shot.Warnings)
            {
                WriteWarning(warning);
            }

            if (shot.Refusal is { } refusal)
            {
                WriteFailure(refusal, shot.Key);
            }

            WriteObject(shot);
        }
    }
}
