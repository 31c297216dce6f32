using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Takes;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Get-, Set- and Remove-ShotVideoTake, and FullPath on the objects, after stub runs in Override mode.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class ShotVideoTakeTests : IAsyncLifetime
{
    // Two runs of scenelet-1 shot 1: the current clip and take 1.
    private const string TwoTakes =
        """
        $shot = @{ StoryId = $StoryId; SceneletId = 'scenelet-1'; ShotIndex = 1; Database = $Database; PublicRoot = $PublicRoot }
        1..2 | ForEach-Object { Invoke-ShotVideo @shot -Stub -Mode Override -Confirm:$false } | Out-Null

        """;

    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public void Takes_are_listed_with_the_current_clip_first_and_what_the_ledger_recorded()
    {
        var takes = _workspace.Run(TwoTakes + "Get-Shot -StoryId $StoryId -SceneletId scenelet-1 -Database $Database | Get-ShotVideoTake -Database $Database -PublicRoot $PublicRoot")
            .AssertNoErrors().OutputOf<ShotTake>();

        Assert.Equal([(1, 0, true), (1, 1, false)], takes.Select(take => (take.ShotIndex, take.Take, take.IsCurrent)));
        Assert.Equal(_workspace.ClipPath("scenelet-1", 1), takes[0].VideoFilePath);
        Assert.Equal($"generated/{_workspace.StoryId}/shots/scenelet-1/takes/shot-1-take-1.mp4", takes[1].VideoFilePath);
        Assert.All(takes, take =>
        {
            Assert.True(File.Exists(take.FullPath));
            Assert.Equal(new FileInfo(take.FullPath).Length, take.Bytes);
            Assert.NotNull(take.JobId);
            Assert.Equal(0m, take.CostUsd);
            Assert.Equal(64, take.PromptSha256?.Length);
        });
    }

    [Fact]
    public async Task Set_ShotVideoTake_swaps_the_files_and_the_database_follows()
    {
        var result = _workspace.Run(
            TwoTakes +
            """
            $before = Get-ShotVideoTake @shot
            $before | ForEach-Object { [IO.File]::AppendAllText($_.FullPath, "take $($_.Take)") }
            $before | Where-Object Take -eq 1 | Set-ShotVideoTake -Database $Database -PublicRoot $PublicRoot -WhatIf
            $before | Where-Object Take -eq 1 | Set-ShotVideoTake -Database $Database -PublicRoot $PublicRoot -PassThru -Confirm:$false
            Get-ShotVideoTake @shot
            """).AssertNoErrors();

        var takes = result.OutputOf<ShotTake>();
        var (made, after) = (takes[0], takes.Skip(1).ToList());
        Assert.Single(result.WhatIf);
        Assert.Equal((0, _workspace.ClipPath("scenelet-1", 1)), (made.Take, made.VideoFilePath));
        Assert.Equal([0, 2], after.Select(take => take.Take));
        Assert.EndsWith("take 1", await File.ReadAllTextAsync(after[0].FullPath), StringComparison.Ordinal);
        Assert.EndsWith("take 0", await File.ReadAllTextAsync(after[1].FullPath), StringComparison.Ordinal);
        Assert.Equal(made.JobId, after[0].JobId);
        var shot = (await _workspace.ShotsAsync()).Single(s => s.SceneletId == "scenelet-1" && s.ShotIndex == 1);
        Assert.Equal(after[0].VideoFilePath, shot.VideoFilePath);
        var jobs = await _workspace.JobsAsync();
        Assert.Equal(after[0].VideoFilePath, jobs.Single(job => job.Id == after[0].JobId).ClipPath);
        Assert.Equal(after[1].VideoFilePath, jobs.Single(job => job.Id == after[1].JobId).ClipPath);
    }

    [Fact]
    public void Remove_ShotVideoTake_never_removes_the_current_clip_and_reports_the_bytes_freed()
    {
        var result = _workspace.Run(
            TwoTakes +
            """
            $before = Get-ShotVideoTake @shot
            $before | Remove-ShotVideoTake -Database $Database -PublicRoot $PublicRoot -WhatIf
            $before | Remove-ShotVideoTake -Database $Database -PublicRoot $PublicRoot -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
            $refused | ForEach-Object FullyQualifiedErrorId
            $before
            Get-ShotVideoTake @shot
            """);

        var takes = result.OutputOf<ShotTake>();
        var (before, after) = (takes.Take(2).ToList(), takes.Skip(2).ToList());
        Assert.Equal(["ShotVideoTakeIsCurrent,ShotVideo.PowerShell.Commands.RemoveShotVideoTakeCommand"], result.OutputOf<string>());
        Assert.Single(result.WhatIf);
        Assert.Contains("take 1", result.WhatIf[0], StringComparison.Ordinal);
        Assert.True(File.Exists(before[0].FullPath));
        Assert.False(File.Exists(before[1].FullPath));
        Assert.Equal([0], after.Select(take => take.Take));
        var freed = Assert.Single(result.Information, record => record.MessageData.ToString()!.StartsWith("Removed ", StringComparison.Ordinal));
        Assert.Contains($"({before[1].Bytes:N0} bytes)", freed.MessageData.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_take_that_is_not_there_is_a_clear_error()
    {
        var result = _workspace.Run(
            "Set-ShotVideoTake -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Take 3 -Database $Database -PublicRoot $PublicRoot -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoTakeNotFound,ShotVideo.PowerShell.Commands.SetShotVideoTakeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Get-ShotVideoTake -StoryId", error.ErrorDetails?.RecommendedAction ?? error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Shots_results_and_takes_carry_the_full_path_of_their_clip_and_open_as_files()
    {
        // Get-Item binds a piped object's file as Invoke-Item does (PSPath to -LiteralPath), without starting a player.
        var result = _workspace.Run(
            """
            $opened = @()
            $opened += Invoke-ShotVideo -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Stub -Database $Database -PublicRoot $PublicRoot -Confirm:$false |
                Tee-Object -Variable generated | Get-Item
            $generated
            $shots = Get-Shot -StoryId $StoryId -SceneletId scenelet-2 -Database $Database -PublicRoot $PublicRoot
            $shots
            $opened += $shots | Where-Object FullPath | Get-Item
            $opened += Get-ShotVideoTake -StoryId $StoryId -SceneletId scenelet-2 -Database $Database -PublicRoot $PublicRoot | Get-Item
            $opened.FullName
            """).AssertNoErrors();

        var generated = Assert.Single(result.OutputOf<ShotVideoResult>());
        var shots = result.OutputOf<ShotRecord>();
        Assert.Equal([generated.FullPath!, generated.FullPath!, generated.FullPath!], result.OutputOf<string>());
        Assert.True(File.Exists(generated.FullPath));
        Assert.Equal(generated.FullPath, shots.Single(shot => shot.ShotIndex == 1).FullPath);
        Assert.Equal(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "shots", "scenelet-2", "shot-1.mp4"), generated.FullPath);
        Assert.Null(shots.Single(shot => shot.ShotIndex == 2).FullPath);
    }
}
