using System.Management.Automation;
using ShotVideo.PowerShell.Completion;
using ShotVideo.Review;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotCoverage</c>: per story, shots with a key frame, with a video, missing a video, and the share
/// done. All stories when no id is given; ids may also come from the pipeline (e.g. from Get-Shot). With <c>-Verify</c>
/// the clip files are checked: a recorded clip that is missing or broken counts as missing, not as done.</summary>
[Cmdlet(VerbsCommon.Get, "ShotCoverage")]
[OutputType("ShotVideo.Database.StoryCoverage")]
public sealed class GetShotCoverageCommand : AssetCmdlet
{
    private readonly HashSet<Guid> _storyIds = new();

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid[]? StoryId { get; set; }

    /// <summary>Check that each recorded clip is on disk and is a whole MP4 (under -PublicRoot).</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // One query at the end, however many records name the same story.
        _storyIds.UnionWith(StoryId ?? []);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var coverage = await database.Shots.GetCoverageAsync(_storyIds.Count == 0 ? null : _storyIds, cancellationToken).ConfigureAwait(false);
        foreach (var story in coverage)
        {
            WriteObject(Verify ? await ClipFileCheck.VerifyAsync(database, ResolvePublicRoot(), story, cancellationToken).ConfigureAwait(false) : story);
        }

        foreach (var missing in _storyIds.Except(coverage.Select(story => story.StoryId)))
        {
            try
            {
                await database.Stories.GetStoryAsync(missing, cancellationToken).ConfigureAwait(false);
            }
            catch (ShotVideoException notFound) when (!notFound.AffectsEveryShot)
            {
                WriteFailure(notFound, missing);
            }
        }
    }
}
