using System.Globalization;
using System.Management.Automation;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Remove-ShotVideoTake</c>: deletes earlier takes of a shot (never the current clip: that is an error, and
/// the other takes piped in are still removed) and says how many bytes that freed. The ledger keeps what each take
/// cost.</summary>
[Cmdlet(VerbsCommon.Remove, "ShotVideoTake", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveShotVideoTakeCommand : TakeCmdlet
{
    private int _removed;
    private long _freed;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (await FindTakeAsync(cancellationToken).ConfigureAwait(false) is not var (takes, take))
        {
            return;
        }

        if (take.IsCurrent)
        {
            // Refused before asking: there is nothing to confirm.
            WriteFailure(ShotVideoErrors.TakeIsCurrent(Shot), Shot);
            return;
        }

        try
        {
            if (await ShouldProcessAsync($"{Shot}: take {take.Take} ({take.VideoFilePath}, {Size(take.Bytes)})", "Delete the clip file").ConfigureAwait(false))
            {
                _freed += await takes.RemoveAsync(take, cancellationToken).ConfigureAwait(false);
                _removed++;
            }
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            WriteFailure(failure, Shot);
        }
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_removed > 0)
        {
            ShowNotice(string.Create(CultureInfo.InvariantCulture, $"Removed {_removed} take(s): {Size(_freed)} freed ({_freed:N0} bytes)."));
        }

        return Task.CompletedTask;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 30):0.0} GB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.0} MB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
