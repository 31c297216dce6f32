using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Errors;

namespace ShotVideo.PowerShell.Commands;

/// <summary>Base of the ShotVideo cmdlets: the <c>-Database</c> parameter, one <see cref="StoryDatabase"/> per command
/// (opened on first use, closed in Dispose), and ShotVideo's failures as ErrorRecords.</summary>
public abstract class DatabaseCmdlet : AsyncCmdlet
{
    private StoryDatabase? _database;

    /// <summary>A postgres:// URI or a connection string; defaults to SHOTVIDEO_DATABASE_URL, then the local database.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>-WhatIf was given or <c>$WhatIfPreference</c> is set (read when the command began).</summary>
    protected bool WhatIfRequested { get; private set; }

    /// <summary>The command's database; notices (such as where the local database lives) are shown as Write-Host shows
    /// text. Under -WhatIf a local database that does not exist yet is not created: the command fails with
    /// ShotVideoNoLocalDatabase, as there is nothing to plan against.</summary>
    protected async Task<StoryDatabase> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        return _database ??= await StoryDatabase.OpenAsync(Database, createIfMissing: !WhatIfRequested, ShowNotice, cancellationToken).ConfigureAwait(false);
    }

    // Preference variables are session state: read on the pipeline thread, before any block runs on a worker.
    protected override void CaptureSessionState()
    {
        base.CaptureSessionState();
        WhatIfRequested = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }

    /// <summary>
    /// Reports a failure with the shot (or other object) it concerns as target: one that will hit every shot ends the
    /// command (terminating); any other is a non-terminating error and so honours <c>-ErrorAction</c>.
    /// </summary>
    protected void WriteFailure(ShotVideoException exception, object? target = null)
    {
        var record = ShotVideoErrorRecords.Create(exception, target);
        if (exception.AffectsEveryShot)
        {
            throw new TerminatingFailure(record);
        }

        WriteError(record);
    }

    protected override ErrorRecord? ToTerminatingError(Exception exception) => exception switch
    {
        TerminatingFailure failure => failure.Record,
        ShotVideoException shotVideo => ShotVideoErrorRecords.Create(shotVideo),
        _ => null,
    };

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
    protected void ShowNotice(string text)
    {
        var record = new InformationRecord(new HostInformationMessage { Message = text }, MyInvocation.MyCommand.Name);
        record.Tags.Add("PSHOST");
        WriteInformation(record);
    }

    /// <summary>Carries a terminating ErrorRecord out of a block to the pipeline thread.</summary>
    private sealed class TerminatingFailure(ErrorRecord record) : Exception(record.Exception.Message, record.Exception)
    {
        public ErrorRecord Record { get; } = record;
    }
}
