using System.Management.Automation;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that work on a story's shots and their reference images: the shot selection and <c>-NoKeyFrame</c>.
/// </summary>
public abstract class ShotScopeCmdlet : ShotSelectionCmdlet
{
    /// <summary>Leaves the shot's key frame out of the reference images.</summary>
    [Parameter]
    public SwitchParameter NoKeyFrame { get; set; }
}
