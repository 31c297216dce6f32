using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Review;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>
/// Recorded but gone, from PowerShell: every shot of the sample story is generated against the fake Veo service, then
/// scenelet-1 shot 1's clip is deleted and scenelet-2 shot 2's cut short.
/// </summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class RecordedClipCommandTests : IAsyncLifetime
{
    private const string Scope = "-StoryId $StoryId -Database $Database -PublicRoot $PublicRoot";

    private readonly VeoWorkspace _workspace = new();

    public async Task InitializeAsync()
    {
        await _workspace.InitializeAsync();
        _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Confirm:$false").AssertNoErrors();
        File.Delete(Path.Combine(_workspace.PublicRoot, _workspace.ClipPath("scenelet-1", 1)));
        var cut = Path.Combine(_workspace.PublicRoot, _workspace.ClipPath("scenelet-2", 2));
        var bytes = await File.ReadAllBytesAsync(cut);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 2 / 3)]);
    }

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public void Test_ShotVideo_reports_the_deleted_and_the_cut_short_clip_and_with_All_every_shot()
    {
        var problems = _workspace.Run($"Test-ShotVideo {Scope}").AssertNoErrors().OutputOf<ShotClipCheck>();
        var all = _workspace.Run($"Test-ShotVideo {Scope} -All").AssertNoErrors().OutputOf<ShotClipCheck>();
        var one = _workspace.Run($"Get-Shot {Scope} -SceneletId scenelet-2 | Test-ShotVideo -Database $Database -PublicRoot $PublicRoot").AssertNoErrors().OutputOf<ShotClipCheck>();

        Assert.Equal(
            [("scenelet-1", 1, ClipFileState.Missing), ("scenelet-2", 2, ClipFileState.Broken)],
            problems.Select(check => (check.SceneletId, check.ShotIndex, check.Problem!.Value)));
        Assert.Equal(_workspace.ClipPath("scenelet-1", 1), problems[0].VideoFilePath);
        Assert.Equal(Path.Combine(_workspace.PublicRoot, _workspace.ClipPath("scenelet-1", 1)), problems[0].FullPath);
        Assert.Null(problems[0].Detail);
        Assert.False(string.IsNullOrWhiteSpace(problems[1].Detail));
        Assert.Equal(VeoWorkspace.SampleShots, all.Count);
        Assert.Equal(5, all.Count(check => check.State == ClipFileState.Whole && check.Problem is null && check.Duration is not null));
        Assert.Equal(("scenelet-2", 2), (Assert.Single(one).SceneletId, one[0].ShotIndex));
    }

    [Fact]
    public void Verify_counts_lost_clips_as_missing_in_coverage_and_marks_them_on_shots()
    {
        var trusted = Assert.Single(_workspace.Run($"Get-ShotCoverage {Scope}").AssertNoErrors().OutputOf<StoryCoverage>());
        var verified = Assert.Single(_workspace.Run($"Get-ShotCoverage {Scope} -Verify").AssertNoErrors().OutputOf<StoryCoverage>());
        var shots = _workspace.Run($"Get-Shot {Scope} -Verify").AssertNoErrors().OutputOf<ShotRecord>();
        var missing = _workspace.Run($"Get-Shot {Scope} -MissingVideo -Verify").AssertNoErrors().OutputOf<ShotRecord>();
        var table = _workspace.Run($"Get-Shot {Scope} -Verify | Out-String -Width 160").AssertNoErrors().OutputOf<string>().Single();

        Assert.Equal((7, 0, 100.0, (int?)null, (int?)null), (trusted.ShotsWithVideo, trusted.ShotsMissingVideo, trusted.PercentDone, trusted.MissingClips, trusted.BrokenClips));
        Assert.Equal((5, 2, 71.4, (int?)1, (int?)1), (verified.ShotsWithVideo, verified.ShotsMissingVideo, verified.PercentDone, verified.MissingClips, verified.BrokenClips));
        Assert.Equal(
            [ClipFileState.Missing, ClipFileState.Whole, ClipFileState.Whole, ClipFileState.Whole, ClipFileState.Broken, ClipFileState.Whole, ClipFileState.Whole],
            shots.Select(shot => shot.ClipState!.Value));
        Assert.Equal([("scenelet-1", 1), ("scenelet-2", 2)], missing.Select(shot => (shot.SceneletId, shot.ShotIndex)));
        Assert.Contains("scenelet-1/shot-1.mp4 (missing)", table, StringComparison.Ordinal);
        Assert.Contains("scenelet-2/shot-2.mp4 (broken)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_warns_about_each_lost_clip_and_Repair_makes_exactly_those_again()
    {
        var starts = _workspace.Veo.Requests.StartCount;

        var resume = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Mode Resume -Confirm:$false").AssertNoErrors();
        var repair = _workspace.Run(
            InvokeShotVideoTests.Veo + $"Test-ShotVideo {Scope} | Invoke-ShotVideo @veo -Mode Resume -Repair -Confirm:$false").AssertNoErrors();
        var after = _workspace.Run($"Test-ShotVideo {Scope}").AssertNoErrors();

        Assert.All(resume.OutputOf<ShotVideoResult>(), result => Assert.Equal(ShotVideoStatus.Skipped, result.Status));
        Assert.Equal(2, resume.Warnings.Count(warning => warning.Contains("-Repair", StringComparison.Ordinal)));
        Assert.Contains(resume.Warnings, warning => warning.Contains("scenelet-1 shot 1", StringComparison.Ordinal) && warning.Contains("is missing", StringComparison.Ordinal));
        Assert.Contains(resume.Warnings, warning => warning.Contains("scenelet-2 shot 2", StringComparison.Ordinal) && warning.Contains("is broken", StringComparison.Ordinal));
        Assert.Equal(
            [("scenelet-1", 1, ShotVideoStatus.Generated), ("scenelet-2", 2, ShotVideoStatus.Generated)],
            // Results stream as shots finish: in any order.
            repair.OutputOf<ShotVideoResult>().Select(result => (result.SceneletId, result.ShotIndex, result.Status)).Order());
        Assert.Equal(starts + 2, _workspace.Veo.Requests.StartCount);
        Assert.Empty(after.Output);
    }

    [Fact]
    public void Repair_outside_Resume_mode_is_refused_before_anything_is_spent()
    {
        var result = _workspace.Run(InvokeShotVideoTests.Veo + InvokeShotVideoFailureTests.Terminating("Invoke-ShotVideo @veo -StoryId $StoryId -Mode Override -Repair -Confirm:$false"));

        var error = InvokeShotVideoFailureTests.Caught(result);
        Assert.Equal("ShotVideoRepairNeedsResume,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Mode Resume -Repair", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(VeoWorkspace.SampleShots, _workspace.Veo.Requests.StartCount);
    }
}
