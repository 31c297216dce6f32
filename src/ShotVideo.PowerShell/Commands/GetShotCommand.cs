using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Completion;
using ShotVideo.Review;
using ShotVideo.Storage;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-Shot</c>: a story's shots, optionally one scenelet's or one shot, or only those missing a video or a
/// key frame. The objects bind by property name into the other ShotVideo cmdlets; FullPath (the clip under -PublicRoot)
/// lets Invoke-Item open their clips. With <c>-Verify</c> each recorded clip file is checked (<c>ClipState</c>), and
/// <c>-MissingVideo</c> also finds shots whose recorded clip is missing or broken.</summary>
[Cmdlet(VerbsCommon.Get, "Shot", DefaultParameterSetName = AllShots)]
[OutputType("ShotVideo.Database.ShotRecord")]
public sealed class GetShotCommand : AssetCmdlet
{
    private const string AllShots = "All";
    private const string ShotsMissingVideo = "MissingVideo";
    private const string ShotsMissingImage = "MissingImage";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid StoryId { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SceneletIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SceneletId { get; set; }

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ShotIndexCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int? ShotIndex { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ShotsMissingVideo)]
    public SwitchParameter MissingVideo { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ShotsMissingImage)]
    public SwitchParameter MissingImage { get; set; }

    /// <summary>Check that each recorded clip is on disk and is a whole MP4 (under -PublicRoot).</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var shots = await (ParameterSetName switch
        {
            // Verified, a recorded path is no clip when its file is gone: every shot is read and checked below.
            ShotsMissingVideo when Verify => database.Shots.ListShotsAsync(StoryId, SceneletId, ShotIndex, cancellationToken),
            ShotsMissingVideo => database.Shots.FindShotsMissingVideosAsync(StoryId, SceneletId, ShotIndex, cancellationToken),
            ShotsMissingImage => database.Shots.FindShotsMissingImagesAsync(StoryId, SceneletId, ShotIndex, cancellationToken),
            _ => database.Shots.ListShotsAsync(StoryId, SceneletId, ShotIndex, cancellationToken),
        }).ConfigureAwait(false);

        var publicRoot = ResolvePublicRoot();
        if (Verify)
        {
            shots = [.. shots
                .Select(shot => (Shot: shot, Check: ClipFileCheck.Check(publicRoot, shot)))
                .Where(item => ParameterSetName != ShotsMissingVideo || item.Check.State is null || item.Check.Problem is not null)
                .Select(item => item.Shot with { ClipState = item.Check.State })];
        }

        if (shots.Count == 0)
        {
            try
            {
                // No shots can mean no such story, scenelet or shot: say which rather than print nothing.
                await database.Shots.EnsureExistsAsync(StoryId, SceneletId, ShotIndex, cancellationToken).ConfigureAwait(false);
            }
            catch (ShotVideoException notFound) when (!notFound.AffectsEveryShot)
            {
                WriteFailure(notFound, StoryId);
            }
        }

        var clips = new ClipStore(publicRoot);
        foreach (var shot in shots)
        {
            WriteObject(shot with { FullPath = clips.FullPath(shot.VideoFilePath) });
        }
    }
}
