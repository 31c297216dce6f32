using System.Management.Automation;
using ShotVideo.PowerShell.Completion;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that work on a story's shots: <c>-StoryId</c>, <c>-SceneletId</c> and <c>-ShotIndex</c>, all bound
/// by property name, so shots piped from Get-Shot (and results, checks and takes) name themselves.
/// </summary>
public abstract class ShotSelectionCmdlet : AssetCmdlet
{
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
}
