using System.Security.Cryptography;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Takes;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Takes;

/// <summary>Takes through real runs: a real database, the fake Veo service over HTTP, clips on disk.</summary>
public sealed class ShotTakesTests
{
    [Fact]
    public async Task OverrideKeepsTheOldClipAsATakeAndTheLedgerRecordsBothFiles()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-3", 1);
        var first = Assert.Single((await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot)).Shots);
        var firstBytes = await File.ReadAllBytesAsync(first.FullPath!);

        var second = Assert.Single((await RunAsync(workspace, gemini, ShotVideoMode.Override, shot)).Shots);

        var takes = await Takes(workspace).ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        Assert.Equal([0, 1], takes.Select(take => take.Take));
        var (current, kept) = (takes[0], takes[1]);
        Assert.Equal($"generated/{shot.StoryId}/shots/scenelet-3/takes/shot-1-take-1.mp4", kept.VideoFilePath);
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(kept.FullPath));
        Assert.Equal((second.VideoFilePath, second.FullPath), (current.VideoFilePath, current.FullPath));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, false, default);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job =>
        {
            var take = Assert.Single(takes, take => take.JobId == job.Id);
            Assert.Equal((job.ClipPath, job.ClipBytes, 3.20m), (take.VideoFilePath, (long?)new FileInfo(take.FullPath).Length, take.CostUsd));
            Assert.Equal(take.Bytes, job.ClipBytes);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(take.FullPath))).ToLowerInvariant(), job.ClipSha256);
            Assert.True(take.Duration > TimeSpan.Zero);
            Assert.Equal(64, take.PromptSha256!.Length);
            Assert.Equal(job.Model, take.Model);
        });
        Assert.Equal(jobs[0].Id, current.JobId);
        var recorded = Assert.Single(await workspace.Database.Shots.ListShotsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default));
        Assert.Equal(current.VideoFilePath, recorded.VideoFilePath);
    }

    [Fact]
    public async Task AFileNobodyRecordedAtTheTargetIsKeptAsATakeWithNoJob()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-2", 1);
        var target = Path.Combine(workspace.PublicRoot, "generated", shot.StoryId.ToString(), "shots", "scenelet-2", "shot-1.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, "a clip put here by hand");
        var progress = new RecordingProgress();

        var run = await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot, progress);

        Assert.Equal(ShotVideoStatus.Generated, Assert.Single(run.Shots).Status);
        var takes = await Takes(workspace).ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        Assert.Equal([0, 1], takes.Select(take => take.Take));
        Assert.NotNull(takes[0].JobId);
        Assert.Equal((null, null, "a clip put here by hand"), (takes[1].JobId, takes[1].CostUsd, await File.ReadAllTextAsync(takes[1].FullPath)));
        Assert.Contains(progress.Warnings, warning => warning.Contains("nobody had recorded", StringComparison.Ordinal) && warning.Contains(takes[1].VideoFilePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MakingATakeCurrentSwapsTheFilesAndTheDatabaseFollows()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-1", 2);
        await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot);
        await RunAsync(workspace, gemini, ShotVideoMode.Override, shot);
        var takes = Takes(workspace);
        var before = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        var oldCurrentBytes = await File.ReadAllBytesAsync(before[0].FullPath);
        var chosenBytes = await File.ReadAllBytesAsync(before[1].FullPath);

        var made = await takes.MakeCurrentAsync(before[1], default);

        var after = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        Assert.Equal([0, 2], after.Select(take => take.Take));
        Assert.Equal((before[1].JobId, before[0].JobId), (after[0].JobId, after[1].JobId));
        Assert.Equal((made.JobId, made.VideoFilePath), (after[0].JobId, after[0].VideoFilePath));
        Assert.Equal(chosenBytes, await File.ReadAllBytesAsync(after[0].FullPath));
        Assert.Equal(oldCurrentBytes, await File.ReadAllBytesAsync(after[1].FullPath));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, false, default);
        Assert.Equal(after[0].VideoFilePath, jobs.Single(job => job.Id == after[0].JobId).ClipPath);
        Assert.Equal(after[1].VideoFilePath, jobs.Single(job => job.Id == after[1].JobId).ClipPath);
        var recorded = Assert.Single(await workspace.Database.Shots.ListShotsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default));
        Assert.Equal(after[0].VideoFilePath, recorded.VideoFilePath);
    }

    [Fact]
    public async Task RemovingNeverTakesTheCurrentClipAndForgetsTheRemovedFile()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-1", 1);
        await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot);
        await RunAsync(workspace, gemini, ShotVideoMode.Override, shot);
        var takes = Takes(workspace);
        var before = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);

        var refused = await Assert.ThrowsAsync<ShotVideoException>(() => takes.RemoveAsync(before[0], default));
        var freed = await takes.RemoveAsync(before[1], default);

        Assert.Equal("ShotVideoTakeIsCurrent", refused.ErrorId);
        Assert.Equal(before[1].Bytes, freed);
        Assert.Contains("Set-ShotVideoTake", refused.RecommendedAction);
        Assert.True(File.Exists(before[0].FullPath));
        Assert.False(File.Exists(before[1].FullPath));
        Assert.Equal([0], (await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default)).Select(take => take.Take));
        var removedJob = (await workspace.Database.Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, false, default))
            .Single(job => job.Id == before[1].JobId);
        Assert.Equal((null, ShotVideoJobState.Succeeded, before[1].Bytes), (removedJob.ClipPath, removedJob.State, removedJob.ClipBytes));
        Assert.NotNull(removedJob.ClipRemovedAt);
        var missing = await Assert.ThrowsAsync<ShotVideoException>(() => takes.GetAsync(shot, 1, default));
        Assert.Equal("ShotVideoTakeNotFound", missing.ErrorId);
    }

    [Fact]
    public async Task NoTakeIsMadeCurrentWhileARunHoldsTheShot()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-2", 2);
        await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot);
        await RunAsync(workspace, gemini, ShotVideoMode.Override, shot);
        var takes = Takes(workspace);
        var before = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        // Another run claims the shot: it would rename its new clip over whatever the swap put in place.
        await Database.MigrationRunnerTests.ExecuteAsync(
            workspace.ConnectionString,
            $"insert into public.shot_video_jobs (story_id, scenelet_id, shot_index, backend, model, state, claimed_by) values ('{shot.StoryId}', 'scenelet-2', 2, 'Stub', 'm', 'claimed', 'other-run')");

        var busy = await Assert.ThrowsAsync<ShotVideoException>(() => takes.MakeCurrentAsync(before[1], default));

        Assert.Equal("ShotVideoTakeShotBusy", busy.ErrorId);
        Assert.Contains("other-run", busy.Reason, StringComparison.Ordinal);
        Assert.Equal(
            before.Select(take => (take.Take, take.JobId)),
            (await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default)).Select(take => (take.Take, take.JobId)));
    }

    [Fact]
    public async Task ATakeThatWentAwayIsReportedAndTheCurrentClipStays()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var shot = new ShotKey(workspace.StoryId, "scenelet-3", 2);
        await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot);
        await RunAsync(workspace, gemini, ShotVideoMode.Override, shot);
        var takes = Takes(workspace);
        var before = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        File.Delete(before[1].FullPath);

        var gone = await Assert.ThrowsAsync<ShotVideoException>(() => takes.MakeCurrentAsync(before[1], default));

        Assert.Equal("ShotVideoTakeNotFound", gone.ErrorId);
        var after = Assert.Single(await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default));
        Assert.Equal((0, before[0].JobId, before[0].Bytes), (after.Take, after.JobId, after.Bytes));
    }

    [Fact]
    public async Task ACrashBetweenTheSwapsFileMovesAndItsRecordLeavesEachFileWithTheAttemptThatMadeIt()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script
            .EnqueuePlan(new FakeVeoOperationPlan { Clip = FakeVeoClip.Padded(40_000) })
            .EnqueuePlan(new FakeVeoOperationPlan { Clip = FakeVeoClip.Padded(50_000) });
        var shot = new ShotKey(workspace.StoryId, "scenelet-1", 2);
        await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot);
        await RunAsync(workspace, gemini, ShotVideoMode.Override, shot);
        var takes = Takes(workspace);
        var before = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);
        var (first, second) = (before[1].JobId, before[0].JobId);

        // Set-ShotVideoTake's two renames, then a crash before the database follows: the ledger still names the old paths.
        File.Move(before[0].FullPath, before[1].FullPath.Replace("take-1.mp4", "take-2.mp4", StringComparison.Ordinal));
        File.Move(before[1].FullPath, before[0].FullPath);
        var after = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);

        Assert.Equal([(0, first, 40_000L), (2, second, 50_000L)], after.Select(take => (take.Take, take.JobId, take.Bytes)));
        // Removing the take is recorded on the attempt that made it, not on the one its stale path names.
        await takes.RemoveAsync(after[1], default);
        var jobs = await workspace.Database.Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, false, default);
        Assert.NotNull(jobs.Single(job => job.Id == second).ClipRemovedAt);
        Assert.Null(jobs.Single(job => job.Id == first).ClipRemovedAt);
        Assert.Equal([(0, first)], (await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default)).Select(take => (take.Take, take.JobId)));
    }

    [Fact]
    public async Task ACrashBetweenStoringAClipAndRecordingItLeavesTheEarlierClipWithItsAttempt()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Clip = FakeVeoClip.Padded(40_000) });
        var shot = new ShotKey(workspace.StoryId, "scenelet-3", 1);
        var recorded = Assert.Single((await RunAsync(workspace, gemini, ShotVideoMode.Resume, shot)).Shots);
        var takes = Takes(workspace);
        var made = Assert.Single(await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default)).JobId;

        // An Override run's commit (the current clip kept as take 1, the new clip renamed in), then a crash before its record.
        var kept = Path.Combine(Path.GetDirectoryName(recorded.FullPath)!, "takes", "shot-1-take-1.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Move(recorded.FullPath!, kept);
        await using (var unrecorded = File.Create(recorded.FullPath!))
        {
            await FakeVeoClip.Padded(50_000).WriteToAsync(unrecorded, default);
        }

        var after = await takes.ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default);

        Assert.Equal([(0, (Guid?)null, 50_000L), (1, made, 40_000L)], after.Select(take => (take.Take, take.JobId, take.Bytes)));
        Assert.Equal(3.20m, after[1].CostUsd);
    }

    private static ShotTakes Takes(SampleStoryWorkspace workspace) => new(workspace.Database, workspace.PublicRoot);

    private static Task<ShotVideoRunResult> RunAsync(
        SampleStoryWorkspace workspace, IVideoGenerator generator, ShotVideoMode mode, ShotKey shot, RecordingProgress? progress = null) =>
        workspace.Task(generator).RunAsync(
            new RunSelection(workspace.StoryId) { Mode = mode, Filters = [new ShotFilter(shot.SceneletId, shot.ShotIndex)] }, progress);
}
