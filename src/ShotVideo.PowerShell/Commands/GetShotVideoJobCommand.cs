using System.Management.Automation;
using ShotVideo.PowerShell.Completion;

namespace ShotVideo.PowerShell.Commands;

/// <summary><c>Get-ShotVideoJob</c>: the generation attempts in the job ledger — running, finished, failed — and which
/// run holds each live one.</summary>
[Cmdlet(VerbsCommon.Get, "ShotVideoJob")]
[OutputType("ShotVideo.Ledger.ShotVideoJob")]
public sealed class GetShotVideoJobCommand : DatabaseCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StoryIdCompleter))]
    public Guid? StoryId { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SceneletIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SceneletId { get; set; }

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ShotIndexCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int? ShotIndex { get; set; }

    /// <summary>Only attempts still running (claimed or started).</summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    /// <summary>Only attempts in these states.</summary>
    [Parameter]
    [ValidateSet("Claimed", "Started", "Succeeded", "Filtered", "Failed", "Abandoned", "Expired")]
    public string[]? State { get; set; }

    /// <summary>Only attempts claimed at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var database = await OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await database.Jobs.ListJobsAsync(
            StoryId,
            SceneletId,
            ShotIndex,
            Live,
            cancellationToken,
            State?.Select(state => Enum.Parse<ShotVideo.Ledger.ShotVideoJobState>(state, ignoreCase: true)).ToList(),
            Since is { } since ? new DateTimeOffset(since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Local) : since) : null)
            .ConfigureAwait(false);
        foreach (var job in jobs)
        {
            WriteObject(job);
        }
    }
}
