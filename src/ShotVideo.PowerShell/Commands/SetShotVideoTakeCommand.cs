using System.Management.Automation;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Set-ShotVideoTake</c>: makes an earlier take the shot's current clip again. The current clip moves to the
/// next take number and the chosen one to the shot's path (renames that never replace a file), then
/// <c>shots.video_file_path</c> and the ledger's clip paths follow.</summary>
[Cmdlet(VerbsCommon.Set, "ShotVideoTake", SupportsShouldProcess = true)]
[OutputType("ShotVideo.Takes.ShotTake")]
public sealed class SetShotVideoTakeCommand : TakeCmdlet
{
    /// <summary>Writes the take as the shot's current clip afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (await FindTakeAsync(cancellationToken).ConfigureAwait(false) is not var (takes, take))
        {
            return;
        }

        if (take.IsCurrent)
        {
            WriteVerbose($"{take.VideoFilePath} is already the current clip of {Shot}.");
        }
        else if (!await ShouldProcessAsync($"{Shot}: take {take.Take} ({take.VideoFilePath})", "Make the current clip").ConfigureAwait(false))
        {
            return;
        }
        else
        {
            try
            {
                take = await takes.MakeCurrentAsync(take, cancellationToken).ConfigureAwait(false);
            }
            catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
            {
                WriteFailure(failure, Shot);
                return;
            }
        }

        if (PassThru)
        {
            WriteObject(take);
        }
    }
}
