using System.Text.Json.Nodes;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Generation;

/// <summary>Runs of the task: plan, approve, execute, against a real database and the fake Veo service over HTTP.</summary>
public sealed class ShotVideoTaskTests
{
    private const int SampleShots = 7;

    [Fact]
    public async Task GeneratesStoresAndRecordsEveryShotThenSkipsThemOnResume()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = Task(workspace, gemini);
        var progress = new RecordingProgress();

        var first = await task.RunAsync(workspace.Selection(ShotVideoMode.Resume), progress);
        var second = await task.RunAsync(workspace.Selection(ShotVideoMode.Resume));

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
            Assert.Equal(3.20m, r.CostUsd);
        });
        Assert.Equal(SampleShots * 3.20m, first.SpentUsd);
        Assert.Equal((SampleShots, 0, 0m), (second.Skipped, second.Generated, second.SpentUsd));
        Assert.Equal(SampleShots, workspace.Veo.Requests.StartCount);
        Assert.Equal(SampleShots, progress.Finished.Count);
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default);
        Assert.Equal(SampleShots, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((ShotVideoJobState.Succeeded, 3.20m), (j.State, j.CostUsd)));
    }

    [Fact]
    public async Task ResultsComeInStoryOrder()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();

        var run = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal(
            ["scenelet-1#1", "scenelet-1#2", "scenelet-1#3", "scenelet-2#1", "scenelet-2#2", "scenelet-3#1", "scenelet-3#2"],
            run.Shots.Select(s => $"{s.SceneletId}#{s.ShotIndex}"));
    }

    [Fact]
    public async Task WhatRunsIsWhatWasPlannedByteForByteEvenWhenTheFilesChangeAfterwards()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = Task(workspace, gemini);
        var plan = await task.PlanAsync(Select(workspace, ShotVideoMode.Resume, "scenelet-1", 2), default);
        // After approval the files on disk change or vanish: the run sends what the plan read, and reads nothing again.
        Directory.Delete(Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "visuals"), recursive: true);

        var run = await task.ExecuteAsync(RunApproval.All(plan), null, default);

        Assert.Equal(ShotVideoStatus.Generated, Assert.Single(run.Shots).Status);
        var shot = Assert.Single(plan.Shots);
        var sent = Assert.Single(workspace.Veo.Operations).Request;
        Assert.Equal(shot.PromptText, sent["instances"]![0]!["prompt"]!.GetValue<string>());
        var images = sent["instances"]![0]!["referenceImages"]!.AsArray();
        var imageHashes = images.Select(i => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(i!["image"]!["bytesBase64Encoded"]!.GetValue<string>()))).ToLowerInvariant()).ToList();
        Assert.Equal(shot.References.Where(r => r.Sent).Select(r => r.Sha256), imageHashes);

        // The ledger keeps what the start request sent: the prompt and the references, as Veo received them.
        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        Assert.Equal(sent["instances"]![0]!["prompt"]!.GetValue<string>(), job.Sent!.Prompt);
        Assert.Equal(job.Sent.PromptSha256, job.PromptSha256);
        Assert.Equal(imageHashes, job.Sent.References.Where(r => r.Sent).Select(r => r.Sha256));
        Assert.Equal(shot.References, job.Sent.References);
        Assert.False(job.Sent.DiffersFrom(shot.PromptText, shot.References));
    }

    [Fact]
    public async Task ARunReadsTheStoryAndItsShotsOnce()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        var commands = new CommandLog();
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(workspace.ConnectionString), commands);
        using var gemini = workspace.Gemini();

        var run = await new ShotVideoTask(database, gemini, workspace.Options()).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal(SampleShots, run.Generated);
        Assert.Equal(1, commands.Count("from public.stories where id"));
        Assert.Equal(1, commands.Count("from public.shots\nwhere shots.story_id"));
        Assert.Equal(SampleShots, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task RefusedShotsAreReportedWithTheirCauseAndTheOthersStillRun()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 5);
        using var gemini = workspace.Gemini();
        await SetPayloadAsync(workspace, 1, """{"framingAndAngle":"Wide"}""");
        await SetPayloadAsync(workspace, 2, "\"just a string\"");
        await SetPayloadAsync(workspace, 3, """{"referencedDesigns":{"characters":["nobody"],"environments":[]}}""");
        await MigrationRunnerTestsExecuteAsync(workspace, "update public.shots set scenelet_id = '../escape' where shot_index = 4");

        var run = await Task(workspace, gemini, o => o with { ContinueAfterShotFailure = true })
            .RunAsync(new RunSelection(workspace.StoryId) { Mode = ShotVideoMode.Resume });

        Assert.Equal(
            ["ShotVideoMissingReferencedDesigns", "ShotVideoInvalidStoryboardPayload", "ShotVideoUnknownDesignIds", "ShotVideoUnsafePath"],
            run.Shots.Where(s => s.Status == ShotVideoStatus.Refused).Select(s => s.Error!.ErrorId));
        Assert.All(run.Shots.Where(s => s.Status == ShotVideoStatus.Refused), s => Assert.Equal(s.Key, s.Error!.Shot));
        Assert.Equal((4, 1, 1), (run.Refused, run.Generated, workspace.Veo.Requests.StartCount));
        Assert.Null(run.StoppedBy);
    }

    [Fact]
    public async Task AResumablePaidOperationIsPricedAtNothingAndResumedForNothing()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 2);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress { OnPolled = (_, _) => stop.Cancel() };
        var selection = Select(workspace, ShotVideoMode.Override, "scenelet-1", 1);
        var stopped = await Task(workspace, gemini).RunAsync(selection, progress, stop.Token);
        Assert.True(stopped.Interrupted);
        Assert.Equal(ShotVideoStatus.Stopped, Assert.Single(stopped.Shots).Status);

        var plan = await Task(workspace, gemini).PlanAsync(new RunSelection(workspace.StoryId) { Mode = ShotVideoMode.Override }, default);

        Assert.Equal([ShotDecision.Resume, ShotDecision.Generate], plan.Shots.Select(s => s.Decision));
        Assert.Equal(0m, plan.Shots[0].EstimatedCostUsd);
        Assert.Equal(3.20m, plan.EstimatedCostUsd);
        var run = await Task(workspace, gemini).ExecuteAsync(RunApproval.All(plan), null, default);
        Assert.Equal([(true, 0m), (false, 3.20m)], run.Shots.Select(s => (s.Resumed, s.CostUsd)));
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task ABudgetApprovesShotsInPlanOrderUntilTheNextWouldPassIt()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 4);
        using var gemini = workspace.Gemini();
        var task = Task(workspace, gemini);
        var plan = await task.PlanAsync(workspace.Selection(ShotVideoMode.Resume), default);

        var approval = RunApproval.All(plan, maxCostUsd: 7.00m);
        var run = await task.ExecuteAsync(approval, null, default);

        Assert.Equal(6.40m, approval.ApprovedCostUsd);
        Assert.Equal([ShotVideoStatus.Generated, ShotVideoStatus.Generated, ShotVideoStatus.NotStarted, ShotVideoStatus.NotStarted], run.Shots.Select(s => s.Status));
        Assert.All(run.Shots.Skip(2), s => Assert.Contains("budget of $7.00", s.Reason));
        Assert.Equal((2, 6.40m), (workspace.Veo.Requests.StartCount, run.SpentUsd));
    }

    [Fact]
    public async Task DefaultModeRefusesWhenTargetedShotsHaveClipsAndSpendsNothing()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        await workspace.Database.Shots.UpdateShotVideoPathAsync(workspace.StoryId, "scenelet-2", 2, "generated/old.mp4", default);
        var task = Task(workspace, gemini);

        var ex = await Assert.ThrowsAsync<ShotVideoException>(() => task.PlanAsync(workspace.Selection(ShotVideoMode.Default), default));
        var otherScenelet = await task.RunAsync(Select(workspace, ShotVideoMode.Default, "scenelet-1", null));

        Assert.Equal(("ShotVideoClipsExist", workspace.StoryId), (ex.ErrorId, ex.StoryId));
        Assert.Contains("scenelet-2 shot 2 (generated/old.mp4)", ex.Message);
        Assert.Contains("-Mode Resume", ex.RecommendedAction);
        Assert.Equal(3, otherScenelet.Generated);
        Assert.Equal(3, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task EmptyScopesAndMissingTargetsAreErrors()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = Task(workspace, gemini);
        var emptyStory = await workspace.Database.Stories.CreateStoryAsync(new NewStory("Empty", "p", TestShots.MinimalDocument), default);

        var noShots = await Assert.ThrowsAsync<ShotVideoException>(() => task.PlanAsync(new RunSelection(emptyStory), default));
        var missingShot = await Assert.ThrowsAsync<ShotVideoException>(() => task.PlanAsync(Select(workspace, ShotVideoMode.Override, "scenelet-2", 9), default));
        var missingPiped = await Assert.ThrowsAsync<ShotVideoException>(() => task.PlanAsync(
            new RunSelection(workspace.StoryId) { Mode = ShotVideoMode.Override, Filters = [new("scenelet-1", 1), new("scenelet-5", 2)] }, default));
        var resumeEmpty = await task.RunAsync(new RunSelection(emptyStory) { Mode = ShotVideoMode.Resume });

        Assert.Equal("ShotVideoNoShots", noShots.ErrorId);
        Assert.Equal("ShotVideoShotNotFound", missingShot.ErrorId);
        Assert.Contains("shot 9 in scenelet scenelet-2", missingShot.Message);
        Assert.Contains("shot 2 in scenelet scenelet-5", missingPiped.Message);
        Assert.DoesNotContain("scenelet-1", missingPiped.Message);
        Assert.Equal(0, resumeEmpty.Total);
        Assert.Equal(0, workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public async Task AStoryWithoutVisualDesignDocumentSaysToRunThatStepFirst()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var (storyId, _) = await TestShots.CreateStoryAsync(workspace.Database, ("scenelet-1", 1, 1));
        await MigrationRunnerTestsExecuteAsync(workspace, $"update public.stories set visual_design_document = null where id = '{storyId}'");

        var ex = await Assert.ThrowsAsync<ShotVideoException>(() => Task(workspace, gemini).PlanAsync(new RunSelection(storyId), default));

        Assert.Equal(("ShotVideoMissingVisualDesignDocument", true), (ex.ErrorId, ex.AffectsEveryShot));
        Assert.Contains("visual design step", ex.RecommendedAction);
    }

    [Fact]
    public async Task OverrideRegeneratesTargetedShotsWithClips()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = Task(workspace, gemini);
        await task.RunAsync(Select(workspace, ShotVideoMode.Resume, "scenelet-3", null));
        var clip = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-3", "shot-1.mp4");
        File.WriteAllText(clip, "an old clip");

        var run = await task.RunAsync(Select(workspace, ShotVideoMode.Override, "scenelet-3", 1));

        Assert.Equal(1, run.Generated);
        Assert.Equal(3, workspace.Veo.Requests.StartCount);
        Assert.NotEqual("an old clip", File.ReadAllText(clip));
    }

    [Fact]
    public async Task PlanningMakesNoCallsFilesOrWrites()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        await workspace.Database.Shots.UpdateShotVideoPathAsync(workspace.StoryId, "scenelet-1", 1, "generated/done.mp4", default);
        var before = await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default);

        var plan = await Task(workspace, gemini).PlanAsync(workspace.Selection(ShotVideoMode.Resume), default);

        Assert.Equal((SampleShots - 1, 1), (plan.Count(ShotDecision.Generate), plan.Count(ShotDecision.Skip)));
        Assert.Empty(workspace.Veo.Requests.All);
        Assert.Empty(workspace.ShotFiles());
        Assert.Equal(before, await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default));
        Assert.Empty(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        var planned = plan.Shots.First(s => s.Decision == ShotDecision.Generate);
        Assert.Equal($"generated/{workspace.StoryId}/shots/scenelet-1/shot-2.mp4", planned.ClipPath);
        Assert.StartsWith("{\"global_aesthetic\":", planned.PromptText);
        Assert.True(planned.EstimatedTokens > 100);
        Assert.Equal(3.20m, planned.EstimatedCostUsd);
        Assert.Equal((SampleShots - 1) * 3.20m, plan.EstimatedCostUsd);
    }

    [Fact]
    public async Task HonoursTheThrottleLimit()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(300) };
        var progress = new RecordingProgress();

        var run = await Task(workspace, gemini, o => o with { ThrottleLimit = 2 }).RunAsync(workspace.Selection(ShotVideoMode.Resume), progress);

        Assert.Equal(SampleShots, run.Generated);
        Assert.Equal(2, progress.MaxInFlight);
    }

    [Fact]
    public async Task AFailedShotStopsNewShotsButInFlightClipsAreKept()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script
            // The failure comes once all three have sent their start requests (they take their start slots one by one).
            .EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error, Latency = TimeSpan.FromMilliseconds(300) })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(600) })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(600) });

        var run = await Task(workspace, gemini, o => o with { ThrottleLimit = 3 }).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal((1, 2, SampleShots - 3), (run.Failed, run.Generated, run.NotStarted));
        Assert.Equal("ShotVideoOperationFailed", run.StoppedBy!.ErrorId);
        var failed = Assert.Single(run.Shots, s => s.Status == ShotVideoStatus.Failed);
        Assert.Equal(failed.Key, failed.Error!.Shot);
        Assert.Contains(failed.Key.Command(ShotVideoMode.Resume), failed.Error.RecommendedAction);
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

        var run = await Task(workspace, gemini, o => o with { ThrottleLimit = 1, ContinueAfterShotFailure = true }).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal((1, SampleShots - 1, 0), (run.Failed, run.Generated, run.NotStarted));
        Assert.Null(run.StoppedBy);
    }

    [Fact]
    public async Task SafetyFilteredShotsAreAnOutcomeNotACrash()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.SafetyFiltered });

        var run = await Task(workspace, gemini).RunAsync(Select(workspace, ShotVideoMode.Resume, "scenelet-1", 1));

        var shot = Assert.Single(run.Shots);
        Assert.Equal((ShotVideoStatus.Filtered, "ShotVideoSafetyFiltered", 0m), (shot.Status, shot.Error!.ErrorId, shot.CostUsd));
        Assert.Null(run.StoppedBy);
        Assert.Empty(workspace.ShotFiles());
        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        Assert.Equal((ShotVideoJobState.Filtered, 0m), (job.State, job.CostUsd));
    }

    public static TheoryData<string> BrokenDownloads => ["cut cleanly at 2/3", "half the body with a matching length", "an HTML page"];

    [Theory]
    [MemberData(nameof(BrokenDownloads))]
    public async Task ABrokenDownloadIsFetchedAgainAndOnlyAWholeClipIsRecorded(string broken)
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Download, Broken(broken));

        var run = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal(ShotVideoStatus.Generated, run.Shots[0].Status);
        Assert.Equal((1, 2), (workspace.Veo.Requests.StartCount, workspace.Veo.Requests.Of(FakeVeoEndpoint.Download).Count));
        var clip = Path.Combine(workspace.PublicRoot, run.Shots[0].VideoFilePath!);
        Assert.Equal(FakeVeoClip.StubShot.Length, new FileInfo(clip).Length);
        Assert.Equal([clip], workspace.ShotFiles());
    }

    [Theory]
    [MemberData(nameof(BrokenDownloads))]
    public async Task ADownloadThatStaysBrokenKeepsThePaidOperationResumableAndTheRerunDownloadsItAgain(string broken)
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Download, Broken(broken), times: 3);

        var first = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));
        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default));
        var filesAfterFirst = workspace.ShotFiles();
        var recordedAfterFirst = Assert.Single(await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default)).VideoFilePath;
        var plan = await Task(workspace, gemini).PlanAsync(workspace.Selection(ShotVideoMode.Resume), default);
        var rerun = await Task(workspace, gemini).ExecuteAsync(RunApproval.All(plan), null, default);

        var failed = Assert.Single(first.Shots);
        Assert.Equal(ShotVideoStatus.Failed, failed.Status);
        Assert.Equal(broken == "an HTML page" ? "ShotVideoNotMp4" : "ShotVideoIncompleteMp4", failed.Error!.ErrorId);
        Assert.Contains(failed.Key.Command(ShotVideoMode.Resume), failed.Error.RecommendedAction);
        Assert.Empty(filesAfterFirst);
        Assert.Null(recordedAfterFirst);
        Assert.Equal((ShotVideoJobState.Started, (string?)null), (job.State, job.ClaimedBy));
        Assert.Equal(ShotDecision.Resume, Assert.Single(plan.Shots).Decision);
        Assert.Equal((ShotVideoStatus.Generated, true), (rerun.Shots[0].Status, rerun.Shots[0].Resumed));
        Assert.Equal(1, workspace.Veo.Requests.StartCount);
        Assert.Equal(4, workspace.Veo.Requests.Of(FakeVeoEndpoint.Download).Count);
    }

    private static FakeVeoFault Broken(string kind) => kind switch
    {
        "cut cleanly at 2/3" => FakeVeoFault.EndBodyEarly(),
        "half the body with a matching length" => FakeVeoFault.ShortBodyWithMatchingLength(),
        _ => FakeVeoFault.Status(200, null, "<html>proxy error</html>"),
    };

    [Fact]
    public async Task AnOperationVeoNoLongerKnowsIsSettledAsExpiredAndTheShotCanBeGeneratedAgain()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.Status(404, "NOT_FOUND", "File not found."));

        var first = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));
        var second = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal((ShotVideoStatus.Failed, "ShotVideoOperationExpired"), (first.Shots[0].Status, first.Shots[0].Error!.ErrorId));
        Assert.Equal((ShotVideoStatus.Generated, false), (second.Shots[0].Status, second.Shots[0].Resumed));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default);
        Assert.Equal([ShotVideoJobState.Succeeded, ShotVideoJobState.Expired], jobs.Select(j => j.State).Order());
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
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
        var selection = Select(workspace, ShotVideoMode.Resume, "scenelet-2", null);

        var stopped = await Task(workspace, gemini, o => o with { ThrottleLimit = 2 }).RunAsync(selection, progress, stop.Token);

        Assert.True(stopped.Interrupted);
        Assert.All(stopped.Shots, shot => Assert.Equal((ShotVideoStatus.Stopped, true), (shot.Status, shot.OperationName is not null)));

        Assert.Empty(workspace.ShotFiles());
        Assert.All(await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, "scenelet-2", null, default), s => Assert.Null(s.VideoFilePath));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-2", null, liveOnly: true, default);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((ShotVideoJobState.Started, (string?)null), (j.State, j.ClaimedBy)));
        var startsBefore = workspace.Veo.Requests.StartCount;

        using var fresh = workspace.Gemini();
        var rerun = await Task(workspace, fresh).RunAsync(selection);

        Assert.Equal(2, rerun.Generated);
        Assert.All(rerun.Shots, s => Assert.True(s.Resumed));
        Assert.Equal(startsBefore, workspace.Veo.Requests.StartCount);
        Assert.Equal(0m, rerun.SpentUsd);
    }

    [Fact]
    public async Task CancellingWhileTheStartRequestIsInFlightKeepsThePaidJobResumable()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Slow(TimeSpan.FromMilliseconds(800)));
        using var stop = new CancellationTokenSource();
        var selection = Select(workspace, ShotVideoMode.Resume, "scenelet-3", 2);
        var running = Task(workspace, gemini).RunAsync(selection, null, stop.Token);
        await Eventually.UntilAsync(() => System.Threading.Tasks.Task.FromResult(workspace.Veo.Requests.StartCount), count => count == 1, TimeSpan.FromSeconds(10), "the start request");

        stop.Cancel();
        var stopped = await running;
        Assert.Equal((true, ShotVideoStatus.Stopped), (stopped.Interrupted, Assert.Single(stopped.Shots).Status));

        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-3", 2, liveOnly: true, default));
        Assert.Equal((ShotVideoJobState.Started, (string?)null), (job.State, job.ClaimedBy));
        Assert.Equal(Assert.Single(workspace.Veo.Operations).Name, job.OperationName);
        var rerun = await Task(workspace, gemini).RunAsync(selection);
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
        var task = Task(workspace, gemini);
        var selection = Select(workspace, ShotVideoMode.Resume, "scenelet-2", 2);

        var first = await task.RunAsync(selection);
        var second = await task.RunAsync(selection);
        var startsBeforeOverride = workspace.Veo.Requests.StartCount;
        var overridden = await task.RunAsync(selection with { Mode = ShotVideoMode.Override });

        Assert.Equal((ShotVideoStatus.Failed, "ShotVideoStartUncertain"), (first.Shots[0].Status, first.Shots[0].Error!.ErrorId));
        var again = Assert.Single(second.Shots);
        Assert.Equal((ShotVideoStatus.Refused, "ShotVideoStartUncertain"), (again.Status, again.Error!.ErrorId));
        Assert.Equal(again.Key.Command(ShotVideoMode.Override), again.Error.RecommendedAction![^again.Key.Command(ShotVideoMode.Override).Length..]);
        Assert.Equal(1, startsBeforeOverride);
        Assert.Equal(ShotVideoStatus.Generated, Assert.Single(overridden.Shots).Status);
        Assert.Equal(2, workspace.Veo.Requests.StartCount);
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-2", 2, liveOnly: false, default);
        Assert.Equal([ShotVideoJobState.Succeeded, ShotVideoJobState.Abandoned], jobs.Select(j => j.State).Order());
    }

    [Fact]
    public async Task AStartAnsweredWithAnUnreadableBodyIsUncertainAndNeverSentAgain()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(200, null, "not json"));

        var first = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));
        var second = await Task(workspace, gemini).RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal("ShotVideoStartUncertain", first.Shots[0].Error!.ErrorId);
        Assert.Equal(ShotVideoStatus.Refused, second.Shots[0].Status);
        Assert.Equal(1, workspace.Veo.Requests.StartCount);
        var job = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: true, default));
        Assert.Equal((ShotVideoJobState.Claimed, (string?)null), (job.State, job.ClaimedBy));
    }

    [Fact]
    public async Task AShotHeldByAnotherLiveRunIsReportedAsClaimed()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var other = new LedgerWorker("other-machine:42", "other-machine", 42, DateTimeOffset.UtcNow);
        await using (var heartbeat = new LedgerHeartbeat(workspace.Database.Jobs, other, TimeSpan.FromHours(1)))
        {
            var shot = (await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, "scenelet-3", 2, default))[0];
            await workspace.Database.Jobs.ClaimAsync(shot.Key, VideoBackend.GeminiApi, "m", other, TimeSpan.FromMinutes(2), new ClaimRule(shot.UpdatedAt, false), heartbeat, default);
        }

        var plan = await Task(workspace, gemini).PlanAsync(Select(workspace, ShotVideoMode.Resume, "scenelet-3", null), default);
        var run = await Task(workspace, gemini).ExecuteAsync(RunApproval.All(plan), null, default);

        Assert.Equal(("other-machine:42", ShotDecision.Claimed), (plan.Shots[1].ClaimedBy, plan.Shots[1].Decision));
        Assert.Equal((1, 1), (run.Generated, run.Claimed));
        Assert.Contains("other-machine:42", Assert.Single(run.Shots, s => s.Status == ShotVideoStatus.Claimed).Reason);
        Assert.Equal(1, workspace.Veo.Requests.StartCount);
    }

    private static ShotVideoTask Task(SampleStoryWorkspace workspace, IVideoGenerator generator, Func<ShotVideoOptions, ShotVideoOptions>? change = null) =>
        workspace.Task(generator, (change ?? (o => o))(workspace.Options() with { HeartbeatInterval = TimeSpan.FromMilliseconds(200) }));

    private static RunSelection Select(SampleStoryWorkspace workspace, ShotVideoMode mode, string? sceneletId, int? shotIndex) =>
        new(workspace.StoryId) { Mode = mode, Filters = [new ShotFilter(sceneletId, shotIndex)] };

    private static Task SetPayloadAsync(SampleStoryWorkspace workspace, int shotIndex, string payload) =>
        MigrationRunnerTestsExecuteAsync(workspace, $"update public.shots set storyboard_payload = '{payload.Replace("'", "''")}'::jsonb where story_id = '{workspace.StoryId}' and shot_index = {shotIndex}");

    private static Task MigrationRunnerTestsExecuteAsync(SampleStoryWorkspace workspace, string sql) => Database.MigrationRunnerTests.ExecuteAsync(workspace.ConnectionString, sql);
}
