using System.Management.Automation;
using ShotVideo.Review;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// <c>Test-ShotVideo</c>: checks that each clip a story's shots record is on disk and is a whole MP4, and writes one
/// object per shot whose recorded clip is missing or broken (with <c>-All</c>, one per shot). Shots piped from Get-Shot
/// name themselves; the objects pipe on into <c>Invoke-ShotVideo -Mode Resume -Repair</c>.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ShotVideo")]
[OutputType("ShotVideo.Review.ShotClipCheck")]
public sealed class TestShotVideoCommand : ShotSelectionCmdlet
{
    /// <summary>Write every shot's check, whole clips and shots without a clip too.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var shots = await database.Shots.ListShotsAsync(StoryId, SceneletId, ShotIndex, cancellationToken).ConfigureAwait(false);
        if (shots.Count == 0)
        {
            try
            {
                // No shots can mean no such story, scenelet or shot: say which rather than report no problem.
                await database.Shots.EnsureExistsAsync(StoryId, SceneletId, ShotIndex, cancellationToken).ConfigureAwait(false);
            }
            catch (ShotVideoException notFound) when (!notFound.AffectsEveryShot)
            {
                WriteFailure(notFound, StoryId);
            }
        }

        var publicRoot = ResolvePublicRoot();
        foreach (var shot in shots)
        {
            var check = ClipFileCheck.Check(publicRoot, shot);
            if (All || check.Problem is not null)
            {
                WriteObject(check);
            }
        }
    }
}
