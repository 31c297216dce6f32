using ShotVideo.Ledger;
using ShotVideo.Veo;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Get-ShotVideoJob: the job ledger after runs.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class GetShotVideoJobTests : IAsyncLifetime
{
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public void After_a_run_every_attempt_is_listed_settled_with_its_clip()
    {
        var jobs = _workspace.Run(
            InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-3 -Confirm:$false | Out-Null; Get-ShotVideoJob -StoryId $StoryId -Database $Database")
            .AssertNoErrors().OutputOf<ShotVideoJob>();

        Assert.Equal([("scenelet-3", 1), ("scenelet-3", 2)], jobs.Select(job => (job.SceneletId, job.ShotIndex)).Order());
        Assert.All(jobs, job =>
        {
            Assert.Equal((ShotVideoJobState.Succeeded, VideoBackend.GeminiApi, "veo-3.1-generate-preview"), (job.State, job.Backend, job.Model));
            Assert.Equal(_workspace.ClipPath(job.SceneletId, job.ShotIndex), job.ClipPath);
            Assert.StartsWith("models/veo-3.1-generate-preview/operations/", job.OperationName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Filters_by_shot_by_piped_shots_and_to_live_attempts()
    {
        var result = _workspace.Run(
            """
            Invoke-ShotVideo -Stub -StoryId $StoryId -Database $Database -PublicRoot $PublicRoot -Confirm:$false | Out-Null
            @(Get-ShotVideoJob $StoryId scenelet-1 2 -Database $Database).Count
            @(Get-Shot -StoryId $StoryId -SceneletId scenelet-2 -Database $Database | Get-ShotVideoJob -Database $Database).Count
            @(Get-ShotVideoJob -Live -Database $Database).Count
            @(Get-ShotVideoJob -Database $Database).Count
            """).AssertNoErrors();

        Assert.Equal([1, 2, 0, VeoWorkspace.SampleShots], result.OutputOf<int>());
    }

    [Fact]
    public void State_and_Since_filter_the_attempts()
    {
        var result = _workspace.Run(
            """
            $before = [DateTime]::UtcNow.AddMinutes(-1)
            Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | Out-Null
            @(Get-ShotVideoJob -StoryId $StoryId -State Succeeded -Database $Database).Count
            @(Get-ShotVideoJob -StoryId $StoryId -State Failed, Abandoned -Database $Database).Count
            @(Get-ShotVideoJob -StoryId $StoryId -Since $before -Database $Database).Count
            @(Get-ShotVideoJob -StoryId $StoryId -Since ([DateTime]::UtcNow.AddMinutes(5)) -Database $Database).Count
            try { Get-ShotVideoJob -State Running -Database $Database } catch { $_.FullyQualifiedErrorId }
            """).AssertNoErrors();

        Assert.Equal([3, 0, 3, 0], result.OutputOf<int>());
        Assert.Equal(["ParameterArgumentValidationError,ShotVideo.PowerShell.Commands.GetShotVideoJobCommand"], result.OutputOf<string>());
    }

    [Fact]
    public void The_default_view_is_a_table_of_stories_shots_states_and_claims()
    {
        var text = string.Join('\n', _workspace.Run(
            "Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | Out-Null; Get-ShotVideoJob -Database $Database | Out-String -Width 250")
            .AssertNoErrors().OutputOf<string>());

        Assert.Matches(@"Story\s+SceneletId\s+Shot\s+State\s+Backend\s+HeartbeatAt\s+ClaimedBy", text);
        Assert.Matches(_workspace.StoryId.ToString()[..8] + @"\s+scenelet-1\s+1\s+Succeeded\s+Stub\s+\d\d-\d\d \d\d:\d\d:\d\dZ", text);
        Assert.DoesNotContain("stub/operations/", text, StringComparison.Ordinal);
    }
}
