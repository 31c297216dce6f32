using ShotVideo.Generation;
using ShotVideo.Planning;
using ShotVideo.Review;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Generation;

/// <summary>Recorded but gone: a Resume run looks at the clip files a story records instead of trusting the paths.</summary>
public sealed class RecordedClipTests
{
    [Fact]
    public async Task Resume_warns_about_recorded_clips_that_are_gone_and_Repair_makes_each_again_with_one_start_request()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = workspace.Task(gemini);
        Assert.Equal(7, (await task.RunAsync(workspace.Selection(ShotVideoMode.Resume))).Generated);
        var (missing, broken) = Damage(workspace);

        var plan = await task.PlanAsync(workspace.Selection(ShotVideoMode.Resume), default);

        Assert.All(plan.Shots, shot => Assert.Equal(ShotDecision.Skip, shot.Decision));
        Assert.Equal(
            [ClipFileState.Missing, ClipFileState.Whole, ClipFileState.Whole, ClipFileState.Whole, ClipFileState.Broken, ClipFileState.Whole, ClipFileState.Whole],
            plan.Shots.Select(shot => shot.RecordedClip));
        var warned = plan.Shots.Where(shot => shot.Warnings.Count > 0).ToList();
        Assert.Equal([missing, broken], warned.Select(shot => (shot.SceneletId, shot.ShotIndex)));
        Assert.Contains("is missing", Assert.Single(warned[0].Warnings), StringComparison.Ordinal);
        Assert.Contains("is broken (", Assert.Single(warned[1].Warnings), StringComparison.Ordinal);
        Assert.All(warned, shot => Assert.Contains("-Repair", shot.Warnings[0], StringComparison.Ordinal));

        var repair = await task.PlanAsync(workspace.Selection(ShotVideoMode.Resume) with { Repair = true }, default);
        Assert.Equal(
            [ShotDecision.Generate, ShotDecision.Skip, ShotDecision.Skip, ShotDecision.Skip, ShotDecision.Generate, ShotDecision.Skip, ShotDecision.Skip],
            repair.Shots.Select(shot => shot.Decision));
        Assert.Equal(6.40m, repair.EstimatedCostUsd);
        var run = await task.ExecuteAsync(RunApproval.All(repair), null, default);

        Assert.Equal((2, 5), (run.Generated, run.Skipped));
        Assert.Equal(9, workspace.Veo.Requests.StartCount);
        var shots = await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default);
        Assert.All(shots, shot => Assert.Equal(ClipFileState.Whole, ClipFileCheck.Check(workspace.PublicRoot, shot).State));
    }

    [Fact]
    public async Task Repair_finishes_a_paid_operation_the_ledger_holds_without_a_new_start_request()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        Assert.Equal(1, (await workspace.Task(gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume))).Generated);
        // An Override run stopped while Veo made the new clip: its paid operation stays in the ledger, resumable.
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress { OnPolled = (_, _) => stop.Cancel() };
        var stopped = await workspace.Task(gemini, workspace.Options() with { HeartbeatInterval = TimeSpan.FromMilliseconds(200) })
            .RunAsync(workspace.Selection(ShotVideoMode.Override), progress, stop.Token);
        Assert.True(stopped.Interrupted);
        File.Delete(Assert.Single(workspace.ShotFiles()));
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan();

        var plan = await workspace.Task(gemini).PlanAsync(workspace.Selection(ShotVideoMode.Resume) with { Repair = true }, default);
        var run = await workspace.Task(gemini).ExecuteAsync(RunApproval.All(plan), null, default);

        var shot = Assert.Single(plan.Shots);
        Assert.Equal((ShotDecision.Resume, 0m), (shot.Decision, shot.EstimatedCostUsd));
        Assert.Equal((1, 0m), (run.Generated, run.SpentUsd));
        Assert.True(run.Shots[0].Resumed);
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
        Assert.Single(workspace.ShotFiles());
    }

    [Fact]
    public async Task Repair_is_for_Resume_runs()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);

        var error = await Assert.ThrowsAsync<ShotVideoException>(
            () => new ShotVideoTask(workspace.Database, null, workspace.Options()).PlanAsync(workspace.Selection(ShotVideoMode.Override) with { Repair = true }, default));

        Assert.Equal("ShotVideoRepairNeedsResume", error.ErrorId);
        Assert.True(error.AffectsEveryShot);
    }

    [Fact]
    public async Task A_recorded_path_that_would_leave_public_is_a_broken_clip_and_never_followed()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        var shot = (await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default))[0] with { VideoFilePath = "../outside.mp4" };

        var check = ClipFileCheck.Check(workspace.PublicRoot, shot);

        Assert.Equal((ClipFileState.Broken, ClipFileState.Broken, (string?)null), (check.State, check.Problem, check.FullPath));
        Assert.NotNull(check.Detail);
    }

    /// <summary>Deletes scenelet-1 shot 1's clip and cuts scenelet-2 shot 2's short.</summary>
    [Fact]
    public async Task Repair_does_not_pay_again_for_a_lost_clip_while_a_take_of_it_is_kept_and_names_the_command_that_restores_it()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        var task = workspace.Task(gemini);
        Assert.Equal(1, (await task.RunAsync(workspace.Selection(ShotVideoMode.Resume))).Generated);
        Assert.Equal(1, (await task.RunAsync(workspace.Selection(ShotVideoMode.Override))).Generated);
        var current = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-1", "shot-1.mp4");
        File.Delete(current);

        var repair = await task.PlanAsync(workspace.Selection(ShotVideoMode.Resume) with { Repair = true }, default);

        var shot = Assert.Single(repair.Shots);
        Assert.Equal((ShotDecision.Skip, ClipFileState.Missing, 0m), (shot.Decision, shot.RecordedClip, repair.EstimatedCostUsd));
        Assert.Contains($"Set-ShotVideoTake -StoryId {workspace.StoryId} -SceneletId scenelet-1 -ShotIndex 1 -Take 1", Assert.Single(shot.Warnings), StringComparison.Ordinal);
        Assert.Equal(0, (await task.ExecuteAsync(RunApproval.All(repair), null, default)).Generated);
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
    }

    private static ((string, int) Missing, (string, int) Broken) Damage(SampleStoryWorkspace workspace)
    {
        var shots = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots");
        File.Delete(Path.Combine(shots, "scenelet-1", "shot-1.mp4"));
        var cut = Path.Combine(shots, "scenelet-2", "shot-2.mp4");
        var bytes = File.ReadAllBytes(cut);
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 100)]);
        return (("scenelet-1", 1), ("scenelet-2", 2));
    }
}
