using System.Management.Automation;
using ShotVideo.Database;

namespace ShotVideo.PowerShell.Commands;

/// <summary>Base of the cmdlets that read or write the story database: the <c>-Database</c> parameter and one
/// <see cref="StoryDatabase"/> per command, opened on first use and closed in Dispose.</summary>
public abstract class DatabaseCmdlet : AsyncCmdlet
{
    private StoryDatabase? _database;

    /// <summary>A postgres:// URI or a connection string; defaults to SHOTVIDEO_DATABASE_URL, then the local database.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>The command's database; notices (such as where the local database lives) are shown as Write-Host shows text.</summary>
    protected async Task<StoryDatabase> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        return _database ??= await StoryDatabase.OpenAsync(Database, ShowNotice, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _database is not null)
        {
            // Dispose runs after all of the command's work has finished, so nothing uses the pool any more.
            _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _database = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Shows a notice the way Write-Host does: visible by default, yet not part of the command's output.</summary>
    private void ShowNotice(string text)
    {
        var record = new InformationRecord(new HostInformationMessage { Message = text }, MyInvocation.MyCommand.Name);
        record.Tags.Add("PSHOST");
        WriteInformation(record);
    }
}
