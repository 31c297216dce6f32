using System.Management.Automation;
using ShotVideo.PowerShell.Completion;
using ShotVideo.Review;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// <c>Export-ShotVideoReview</c>: writes a story's review page, one self-contained HTML file (default
/// <c>generated/&lt;story-id&gt;/review.html</c> under the public folder, beside the clips, so the web app serves it).
/// Story ids may come from the pipeline (e.g. from Get-ShotCoverage).
/// </summary>
[Cmdlet(VerbsData.Export, "ShotVideoReview", SupportsShouldProcess = true)]
[OutputType("ShotVideo.Review.ReviewPageExport")]
public sealed class ExportShotVideoReviewCommand : AssetCmdlet
{
    private string? _pagePath;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid StoryId { get; set; }

    /// <summary>The page's file; default <c>&lt;public&gt;/generated/&lt;story-id&gt;/review.html</c>. Its links to clips and
    /// images are relative, so it works wherever it is written on the same drive as the public folder.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Write what was exported (the page's path and counts) to the output; without it the path is only shown.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // PowerShell paths (~, drives, the current location) are resolved by session state, which only the pipeline thread may read.
    protected override void CaptureSessionState()
    {
        base.CaptureSessionState();
        _pagePath = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var publicRoot = ResolvePublicRoot();
        var target = _pagePath ?? ReviewPageLocation.DefaultPath(publicRoot, StoryId);
        if (!await ShouldProcessAsync(target, $"Write the review page of story {StoryId}").ConfigureAwait(false))
        {
            return;
        }

        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        ReviewPageExport export;
        try
        {
            export = await ReviewPageExport.WriteAsync(database, publicRoot, StoryId, target, cancellationToken).ConfigureAwait(false);
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            // One story's problem (no such story): the other stories piped in still get their pages.
            WriteFailure(failure, StoryId);
            return;
        }

        if (PassThru)
        {
            WriteObject(export);
        }
        else
        {
            ShowNotice($"Review page of {export.StoryName}: {export.Path}");
        }
    }
}
