using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Errors;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Stop-ShotVideoLocalDatabase</c>: stops the server of ShotVideo's local database, which keeps running after
/// the commands that started it (so the next one starts fast). Its data stays; the next command that needs it starts it
/// again. Nothing happens when it does not run.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ShotVideoLocalDatabase", SupportsShouldProcess = true)]
[OutputType("ShotVideo.Database.LocalDatabaseStatus")]
public sealed class StopShotVideoLocalDatabaseCommand : AsyncCmdlet
{
    /// <summary>Writes the database's status after stopping it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var folder = LocalDatabase.DefaultFolder();
        var status = await LocalDatabase.GetStatusAsync(folder, cancellationToken).ConfigureAwait(false);
        if (status.Running
            && await ShouldProcessAsync($"ShotVideo's local database in {folder} (127.0.0.1:{status.Port})", "Stop the PostgreSQL server").ConfigureAwait(false))
        {
            status = await LocalDatabase.StopAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        else if (!status.Running)
        {
            WriteVerbose(status.Exists ? $"The local database in {folder} is not running." : $"There is no local database in {folder}.");
        }

        if (PassThru)
        {
            WriteObject(status);
        }
    }

    protected override ErrorRecord? ToTerminatingError(Exception exception) =>
        exception is ShotVideoException failure ? ShotVideoErrorRecords.Create(failure, LocalDatabase.DefaultFolder()) : null;
}
