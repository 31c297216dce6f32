using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Generation;

public sealed class ShotVideoTaskTests
{
    private const int SampleShots = 7;

    [Fact]
    public async Task GeneratesStoresAndRecordsEveryShotThenSkipsThemOnResume()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = new ShotVideoTask(workspace.Database, gemini);
        var progress = new RecordingProgress();

        var first = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume), progress, default);
        var second = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume), null, default);

        Assert.Equal((SampleShots, SampleShots, 0), (first.Total, first.Generated, first.Failed));
        Assert.Equal(SampleShots, workspace.Veo.Requests.StartCount);
        var shots = await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default);
        Assert.All(shots, shot =>
        {
            Assert.Equal($"generated/{workspace.StoryId}/shots/{shot.SceneletId}/shot-{shot.ShotIndex}.mp4", shot.VideoFilePath);
            Assert.True(File.Exists(Path.Combine(workspace.PublicRoot, shot.VideoFilePath!)));
        });
        Assert.All(first.Shots, r =>
        {
            Assert.NotNull(r.Facts);
            Assert.StartsWith("models/veo-3.1-generate-preview/operations/", r.OperationName);
            Assert.InRange(r.References.Count, 1, 3);
            Assert.Equal(3.20m, r.EstimatedCostUsd);
        });
        Assert.Equal(SampleShots * 3.20m, first.EstimatedCostUsd);
        Assert.Equal((SampleShots, 0), (second.SkippedExisting, second.Generated));
        Assert.Equal(SampleShots, workspace.Veo.Requests.StartCount);
        Assert.Equal(SampleShots, progress.Finished.Count);
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default);
        Assert.Equal(SampleShots, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(ShotVideoJobState.Succeeded, j.State));
    }

    [Fact]
    public async Task ResultsComeInStoryOrderWithReferencesInPriorityOrder()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume), null, default);

        Assert.Equal(
            ["scenelet-1#1", "scenelet-1#2", "scenelet-1#3", "scenelet-2#1", "scenelet-2#2", "scenelet-3#1", "scenelet-3#2"],
            run.Shots.Select(s => $"{s.SceneletId}#{s.ShotIndex}"));
        // scenelet-1 shot 2: Mira and Tobin's sheets, then the lighthouse (the key frame is fourth, past the cap).
        Assert.Equal(
            ["Character mira", "Character tobin", "Environment harbor-lighthouse"],
            run.Shots[1].References.Select(r => $"{r.Kind} {r.SourceId}"));
        // scenelet-1 shot 1: no characters, the environment and the key frame.
        Assert.Equal(["Environment harbor-lighthouse", "KeyFrame scenelet-1#1"], run.Shots[0].References.Select(r => $"{r.Kind} {r.SourceId}"));
    }

    [Fact]
    public async Task DefaultModeRefusesWhenTargetedShotsHaveClipsAndSpendsNothing()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        await workspace.Database.Shots.UpdateShotVideoPathAsync(workspace.StoryId, "scenelet-2", 2, "generated/old.mp4", default);
        var task = new ShotVideoTask(workspace.Database, gemini);

        var ex = await Assert.ThrowsAsync<ShotVideoException>(() => task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Default), null, default));
        var otherScenelet = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Default) with { SceneletId = "scenelet-1" }, null, default);

        Assert.Equal("ShotVideoClipsExist", ex.ErrorId);
        Assert.Contains("scenelet scenelet-2 shot 2 (generated/old.mp4)", ex.Message);
        Assert.Contains("-Mode Resume", ex.Message);
        Assert.Equal(3, otherScenelet.Generated);
        Assert.Equal(3, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task EmptyScopesAndMissingTargetsAreErrors()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = new ShotVideoTask(workspace.Database, gemini);
        var emptyStory = await workspace.Database.Stories.CreateStoryAsync(new NewStory("Empty", "p", TestShots.MinimalDocument), default);

        var noShots = await Assert.ThrowsAsync<ShotVideoException>(() => task.RunAsync(emptyStory, Options(workspace, ShotVideoMode.Default), null, default));
        var missingShot = await Assert.ThrowsAsync<ShotVideoException>(
            () => task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Override) with { SceneletId = "scenelet-2", ShotIndex = 9 }, null, default));
        var missingPiped = await Assert.ThrowsAsync<ShotVideoException>(
            () => task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Override) with { Shots = [("scenelet-1", 1), ("scenelet-5", 2)] }, null, default));
        var resumeEmpty = await task.RunAsync(emptyStory, Options(workspace, ShotVideoMode.Resume), null, default);

        Assert.Equal("ShotVideoNoShots", noShots.ErrorId);
        Assert.Equal("ShotVideoShotNotFound", missingShot.ErrorId);
        Assert.Contains("shot 9 in scenelet scenelet-2", missingShot.Message);
        Assert.Contains("scenelet scenelet-5 shot 2", missingPiped.Message);
        Assert.DoesNotContain("scenelet-1 shot 1", missingPiped.Message);
        Assert.Equal(0, resumeEmpty.Total);
        Assert.Equal(0, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task AStoryWithoutVisualDesignDocumentSaysToRunThatStepFirst()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var (storyId, _) = await TestShots.CreateStoryAsync(workspace.Database, ("scenelet-1", 1, 1));
        await Database.MigrationRunnerTests.ExecuteAsync(workspace.ConnectionString, $"update public.stories set visual_design_document = null where id = '{storyId}'");

        var ex = await Assert.ThrowsAsync<ShotVideoException>(
            () => new ShotVideoTask(workspace.Database, gemini).RunAsync(storyId, Options(workspace, ShotVideoMode.Resume), null, default));

        Assert.Equal("ShotVideoMissingVisualDesignDocument", ex.ErrorId);
        Assert.Contains("run the visual design step first", ex.Message);
    }

    [Fact]
    public async Task OverrideRegeneratesTargetedShotsWithClips()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = new ShotVideoTask(workspace.Database, gemini);
        await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-3" }, null, default);
        var clip = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-3", "shot-1.mp4");
        File.WriteAllText(clip, "an old clip");

        var run = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Override) with { SceneletId = "scenelet-3", ShotIndex = 1 }, null, default);

        Assert.Equal(1, run.Generated);
        Assert.Equal(3, workspace.Veo.Requests.StartCount);
        Assert.NotEqual("an old clip", File.ReadAllText(clip));
    }

    [Fact]
    public async Task DryRunPlansEveryShotWithoutCallsFilesOrWrites()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        await workspace.Database.Shots.UpdateShotVideoPathAsync(workspace.StoryId, "scenelet-1", 1, "generated/done.mp4", default);
        var before = await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default);

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.DryRun), null, default);

        Assert.Equal((SampleShots - 1, 1), (run.Planned, run.SkippedExisting));
        Assert.Empty(workspace.Veo.Requests.All);
        Assert.Empty(workspace.ShotFiles());
        Assert.Equal(before, await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default));
        Assert.Empty(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        var planned = run.Shots.First(s => s.Status == ShotVideoStatus.Planned);
        Assert.Equal($"generated/{workspace.StoryId}/shots/scenelet-1/shot-2.mp4", planned.VideoFilePath);
        Assert.StartsWith("{\"global_aesthetic\":", planned.PromptText);
        Assert.True(planned.PromptTokenEstimate > 100);
        Assert.Equal(3.20m, planned.EstimatedCostUsd);
        Assert.Equal((SampleShots - 1) * 3.20m, run.EstimatedCostUsd);
    }

    [Fact]
    public async Task DryRunReportsMissingReferenceFilesAsWarningsWhereARealRunFails()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        File.Delete(Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "visuals", "environments", "glowmoth-grotto", "keyframe_1.png"));
        var task = new ShotVideoTask(workspace.Database, gemini);

        var dry = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.DryRun) with { SceneletId = "scenelet-2" }, null, default);
        var real = await task.RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-2", ContinueAfterShotFailure = true }, null, default);

        Assert.All(dry.Shots, s => Assert.Contains(s.Warnings, w => w.Contains("glowmoth-grotto", StringComparison.Ordinal)));
        Assert.Equal(2, real.Failed);
        Assert.All(real.Shots, s =>
        {
            Assert.Equal(workspace.StoryId, s.Error!.StoryId);
            Assert.Equal("scenelet-2", s.Error.SceneletId);
            Assert.Contains("scenelet-2", s.Error.Message);
        });
        Assert.Equal(0, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task HonoursTheThrottleLimit()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(300) };
        var progress = new RecordingProgress();

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { ThrottleLimit = 2 }, progress, default);

        Assert.Equal(SampleShots, run.Generated);
        Assert.Equal(2, progress.MaxInFlight);
    }

    [Fact]
    public async Task AFailedShotStopsNewShotsButInFlightClipsAreKept()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script
            .EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(600) })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(600) });

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { ThrottleLimit = 3 }, null, default);

        Assert.Equal((1, 2, SampleShots - 3), (run.Failed, run.Generated, run.NotStarted));
        Assert.Equal("ShotVideoOperationFailed", run.StoppedBy!.ErrorId);
        var failed = Assert.Single(run.Shots, s => s.Status == ShotVideoStatus.Failed);
        Assert.Contains($"scenelet {failed.SceneletId}, shot {failed.ShotIndex}", failed.Error!.Message);
        var recorded = (await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default)).Where(s => s.VideoFilePath is not null).ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, s => Assert.True(File.Exists(Path.Combine(workspace.PublicRoot, s.VideoFilePath!))));
        Assert.Equal(3, workspace.Veo.Requests.StartCount);
        var failedJob = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, failed.SceneletId, failed.ShotIndex, liveOnly: false, default));
        Assert.Equal(ShotVideoJobState.Failed, failedJob.State);
    }

    [Fact]
    public async Task ContinuingAfterAShotFailureGeneratesTheRest()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error });

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(
            workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { ThrottleLimit = 1, ContinueAfterShotFailure = true }, null, default);

        Assert.Equal((1, SampleShots - 1, 0), (run.Failed, run.Generated, run.NotStarted));
        Assert.Null(run.StoppedBy);
    }

    [Fact]
    public async Task SafetyFilteredShotsAreAnOutcomeNotACrash()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.SafetyFiltered });

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(
            workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-1", ShotIndex = 1 }, null, default);

        var shot = Assert.Single(run.Shots);
        Assert.Equal(ShotVideoStatus.Filtered, shot.Status);
        Assert.Contains("safety", shot.Reason);
        Assert.Null(run.StoppedBy);
        Assert.Empty(workspace.ShotFiles());
        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        Assert.Equal(ShotVideoJobState.Filtered, job.State);
    }

    [Fact]
    public async Task CancellingWhilePollingLeavesNothingPartialAndARerunResumesWithoutPayingAgain()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();
        // Stopped once both shots' jobs are accepted and polling (under load the second can start well after the first).
        var started = 0;
        var progress = new RecordingProgress
        {
            OnOperationStarted = (_, _) => Interlocked.Increment(ref started),
            OnPolled = (_, attempt) =>
            {
                if (attempt >= 2 && Volatile.Read(ref started) == 2)
                {
                    stop.Cancel();
                }
            },
        };
        var options = Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-2", ThrottleLimit = 2 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, options, progress, stop.Token));

        Assert.Empty(workspace.ShotFiles());
        Assert.All(await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, "scenelet-2", null, default), s => Assert.Null(s.VideoFilePath));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-2", null, liveOnly: true, default);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((ShotVideoJobState.Started, (string?)null), (j.State, j.ClaimedBy)));
        var startsBefore = workspace.Veo.Requests.StartCount;

        using var fresh = workspace.Gemini();
        var rerun = await new ShotVideoTask(workspace.Database, fresh).RunAsync(workspace.StoryId, options, null, default);

        Assert.Equal(2, rerun.Generated);
        Assert.All(rerun.Shots, s => Assert.True(s.Resumed));
        Assert.Equal(startsBefore, workspace.Veo.Requests.StartCount);
        Assert.Equal(0m, rerun.EstimatedCostUsd);
    }

    [Fact]
    public async Task CancellingWhileTheStartRequestIsInFlightKeepsThePaidJobResumable()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Slow(TimeSpan.FromMilliseconds(800)));
        using var stop = new CancellationTokenSource();
        var options = Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-3", ShotIndex = 2 };
        var running = new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, options, null, stop.Token);
        await Eventually.UntilAsync(() => Task.FromResult(workspace.Veo.Requests.StartCount), count => count == 1, TimeSpan.FromSeconds(10), "the start request");

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-3", 2, liveOnly: true, default));
        Assert.Equal((ShotVideoJobState.Started, (string?)null), (job.State, job.ClaimedBy));
        Assert.Equal(Assert.Single(workspace.Veo.Operations).Name, job.OperationName);
        var rerun = await new ShotVideoTask(workspace.Database, gemini).RunAsync(workspace.StoryId, options, null, default);
        Assert.True(Assert.Single(rerun.Shots).Resumed);
        Assert.Equal(1, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task AStartWhoseAnswerWasLostIsNeverPaidForAgainUnlessOverridden()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        // Veo creates the job, then the connection drops before the answer: the operation name is unknown.
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.DropConnection(acceptBeforeDrop: true));
        var task = new ShotVideoTask(workspace.Database, gemini);
        var options = Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-2", ShotIndex = 2 };

        var first = await task.RunAsync(workspace.StoryId, options, null, default);
        var second = await task.RunAsync(workspace.StoryId, options, null, default);
        var startsBeforeOverride = workspace.Veo.Requests.StartCount;
        var overridden = await task.RunAsync(workspace.StoryId, options with { Mode = ShotVideoMode.Override }, null, default);

        Assert.Equal("ShotVideoStartUncertain", Assert.Single(first.Shots).Error!.ErrorId);
        var again = Assert.Single(second.Shots);
        Assert.Equal(ShotVideoStatus.Failed, again.Status);
        Assert.Contains("-Mode Override", again.Error!.Message);
        Assert.Equal(1, startsBeforeOverride);
        Assert.Equal(ShotVideoStatus.Generated, Assert.Single(overridden.Shots).Status);
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-2", 2, liveOnly: false, default);
        Assert.Equal([ShotVideoJobState.Succeeded, ShotVideoJobState.Abandoned], jobs.Select(j => j.State).Order());
    }

    [Fact]
    public async Task AShotHeldByAnotherLiveRunIsReportedAsClaimed()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        await workspace.Database.Jobs.ClaimAsync(workspace.StoryId, "scenelet-3", 2, "GeminiApi", "m", "other-machine:42", TimeSpan.FromMinutes(2), overriding: false, default);

        var run = await new ShotVideoTask(workspace.Database, gemini).RunAsync(
            workspace.StoryId, Options(workspace, ShotVideoMode.Resume) with { SceneletId = "scenelet-3" }, null, default);

        Assert.Equal((1, 1), (run.Generated, run.Claimed));
        Assert.Contains("other-machine:42", Assert.Single(run.Shots, s => s.Status == ShotVideoStatus.Claimed).Reason);
        Assert.Equal(1, workspace.Veo.Requests.StartCount);
    }

    private static ShotVideoOptions Options(SampleStoryWorkspace workspace, ShotVideoMode mode) => new()
    {
        Mode = mode,
        PublicRoot = workspace.PublicRoot,
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
    };
}
