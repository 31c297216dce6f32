using System.Management.Automation;
using ShotVideo.PowerShell.Completion;
using ShotVideo.Takes;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that change one take of one shot: <c>-StoryId</c>, <c>-SceneletId</c>, <c>-ShotIndex</c> and
/// <c>-Take</c>, all bound by property name, so takes piped from Get-ShotVideoTake name themselves.
/// </summary>
public abstract class TakeCmdlet : AssetCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid StoryId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SceneletIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string SceneletId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ShotIndexCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int ShotIndex { get; set; }

    /// <summary>The take's number as Get-ShotVideoTake shows it; 0 is the current clip.</summary>
    [Parameter(Mandatory = true, Position = 3, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int Take { get; set; }

    protected ShotKey Shot => new(StoryId, SceneletId, ShotIndex);

    /// <summary>The named take, or null after writing why there is none (a non-terminating error, so a pipeline of
    /// takes goes on).</summary>
    private protected async Task<(ShotTakes Takes, ShotTake Take)?> FindTakeAsync(CancellationToken cancellationToken)
    {
        var takes = new ShotTakes(await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false), ResolvePublicRoot());
        try
        {
            return (takes, await takes.GetAsync(Shot, Take, cancellationToken).ConfigureAwait(false));
        }
        catch (ShotVideoException failure) when (!failure.AffectsEveryShot)
        {
            WriteFailure(failure, Shot);
            return null;
        }
    }
}
