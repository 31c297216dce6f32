using System.Management.Automation;
using ShotVideo.Generation;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotVideoPrompt</c>: what would be sent to the model for each shot — the prompt object, the exact
/// text, its size estimate, the reference images and warnings — without calling it.</summary>
[Cmdlet(VerbsCommon.Get, "ShotVideoPrompt")]
[OutputType("ShotVideo.Generation.ShotPromptPreview")]
public sealed class GetShotVideoPromptCommand : ShotScopeCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ShotPromptPreview> previews;
        try
        {
            previews = await ShotPromptPreviewer.PreviewAsync(database, StoryId, SceneletId, ShotIndex, ResolvePublicRoot(), !NoKeyFrame, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            // One record's problem (no such story, no design document): the other records piped in still get previews.
            WriteFailure(failure, StoryId);
            return;
        }

        if (previews.Count == 0 && (SceneletId is not null || ShotIndex is not null))
        {
            WriteFailure(
                new ShotVideoException(
                    "ShotVideoShotNotFound",
                    ShotVideoErrorKind.ObjectNotFound,
                    $"Story {StoryId} has no shot{(ShotIndex is null ? "s" : $" {ShotIndex}")}{(SceneletId is null ? string.Empty : $" in scenelet {SceneletId}")}.")
                {
                    StoryId = StoryId,
                    SceneletId = SceneletId,
                    ShotIndex = ShotIndex,
                },
                StoryId);
        }

        foreach (var preview in previews)
        {
            foreach (var warning in preview.Warnings)
            {
                WriteWarning(warning);
            }

            WriteObject(preview);
        }
    }
}
