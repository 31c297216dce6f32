using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Errors;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotVideoLocalDatabase</c>: where ShotVideo's local database lives (SHOTVIDEO_LOCAL_DATABASE_DIR or
/// the per-user default), whether it exists and runs, its port and its size. Reads only: it never creates or starts it.</summary>
[Cmdlet(VerbsCommon.Get, "ShotVideoLocalDatabase")]
[OutputType("ShotVideo.Database.LocalDatabaseStatus")]
public sealed class GetShotVideoLocalDatabaseCommand : AsyncCmdlet
{
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        WriteObject(await LocalDatabase.GetStatusAsync(LocalDatabase.DefaultFolder(), cancellationToken).ConfigureAwait(false));
    }

    protected override ErrorRecord? ToTerminatingError(Exception exception) =>
        exception is ShotVideoException failure ? ShotVideoErrorRecords.Create(failure, LocalDatabase.DefaultFolder()) : null;
}
