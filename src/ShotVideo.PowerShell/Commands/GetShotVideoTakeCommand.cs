using System.Management.Automation;
using ShotVideo.Takes;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotVideoTake</c>: every clip kept of a story's shots (or one scenelet's, or one shot's) — the current
/// one (take 0) and the earlier ones Override kept — with what each cost and which prompt made it. The objects bind by
/// property name into Set-ShotVideoTake and Remove-ShotVideoTake, and FullPath into Invoke-Item.</summary>
[Cmdlet(VerbsCommon.Get, "ShotVideoTake")]
[OutputType("ShotVideo.Takes.ShotTake")]
public sealed class GetShotVideoTakeCommand : ShotSelectionCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ShotTake> takes;
        try
        {
            takes = await new ShotTakes(database, ResolvePublicRoot()).ListAsync(StoryId, SceneletId, ShotIndex, cancellationToken).ConfigureAwait(false);
        }
        catch (ShotVideoException notFound) when (!notFound.AffectsEveryShot)
        {
            WriteFailure(notFound, StoryId);
            return;
        }

        foreach (var take in takes)
        {
            WriteObject(take);
        }
    }
}
