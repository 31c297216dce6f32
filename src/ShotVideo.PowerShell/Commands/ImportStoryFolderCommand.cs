using System.Management.Automation;
using ShotVideo.Samples;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Import-StoryFolder</c>: loads a story folder (story.json, visual-design-document.json, scenelets.json,
/// assets/) into the story database and copies its assets under the public folder; used for the sample story and for
/// trying ShotVideo without the rest of the pipeline. A story already in the database is left as it is.</summary>
[Cmdlet(VerbsData.Import, "StoryFolder", SupportsShouldProcess = true)]
[OutputType("ShotVideo.Samples.StoryFolderLoadResult")]
public sealed class ImportStoryFolderCommand : AssetCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetFullPath(Path, CurrentLocation);
        var publicRoot = ResolvePublicRoot();
        if (!await ShouldProcessAsync(folder, $"Import the story into the database and copy its assets under {publicRoot}").ConfigureAwait(false))
        {
            return;
        }

        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        StoryFolderLoadResult result;
        try
        {
            result = await StoryFolderLoader.LoadAsync(database, folder, publicRoot, cancellationToken).ConfigureAwait(false);
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            // A folder that cannot be read concerns that folder only: the others piped in are still imported.
            WriteFailure(failure, folder);
            return;
        }

        WriteVerbose(result.Created ? $"Imported story {result.StoryId} from {folder}." : $"Story {result.StoryId} was already in the database; assets refreshed.");
        WriteObject(result);
    }
}
