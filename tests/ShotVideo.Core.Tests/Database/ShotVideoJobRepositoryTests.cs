using ShotVideo.Database;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Database;

public sealed class ShotVideoJobRepositoryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private ShotVideoJobRepository Jobs => fixture.Database.Jobs;

    [Fact]
    public async Task AShotHasOneLiveAttemptAndOtherWorkersSeeItsHolder()
    {
        var storyId = await NewShotAsync();

        var first = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        var second = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);

        Assert.Equal(ShotClaimKind.NewAttempt, first.Kind);
        Assert.Equal(ShotVideoJobState.Claimed, first.Job.State);
        Assert.Equal(ShotClaimKind.HeldByOther, second.Kind);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.Equal("worker-a", second.Job.ClaimedBy);
    }

    [Fact]
    public async Task ConcurrentClaimsProduceExactlyOneNewAttempt()
    {
        var storyId = await NewShotAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", $"worker-{i}", Stale, overriding: false, default))));

        Assert.Single(claims, c => c.Kind == ShotClaimKind.NewAttempt);
        Assert.Equal(7, claims.Count(c => c.Kind == ShotClaimKind.HeldByOther));
        Assert.Single(await Jobs.ListJobsAsync(storyId, null, null, liveOnly: true, default));
    }

    [Fact]
    public async Task AStartedAttemptWhoseWorkerStoppedIsResumedNotRestarted()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        var started = await Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/abc", default);

        var fresh = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);
        var afterTimeout = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", TimeSpan.Zero, overriding: false, default);

        Assert.Equal((ShotVideoJobState.Started, "operations/abc"), (started.State, started.OperationName));
        Assert.NotNull(started.StartedAt);
        Assert.Equal(ShotClaimKind.HeldByOther, fresh.Kind);
        Assert.Equal(ShotClaimKind.Resume, afterTimeout.Kind);
        Assert.Equal((claim.Job.Id, "worker-b", "operations/abc"), (afterTimeout.Job.Id, afterTimeout.Job.ClaimedBy, afterTimeout.Job.OperationName));
        var lost = await Assert.ThrowsAsync<ShotVideoException>(() => Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/other", default));
        Assert.Equal("ShotVideoClaimLost", lost.ErrorId);
    }

    [Fact]
    public async Task AShotAnotherRunFinishedIsNotClaimedAgainUnlessReplacingClips()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        await Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/abc", default);
        await fixture.Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", 1, "generated/x.mp4", default);
        await Jobs.SettleAsync(claim.Job.Id, ShotVideoJobState.Succeeded, null, "generated/x.mp4", default);

        var resume = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);
        var @override = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: true, default);

        Assert.Equal((ShotClaimKind.Recorded, claim.Job.Id, "generated/x.mp4"), (resume.Kind, resume.Job.Id, resume.Job.ClipPath));
        Assert.Equal(ShotClaimKind.NewAttempt, @override.Kind);
        Assert.NotEqual(claim.Job.Id, @override.Job.Id);
    }

    [Fact]
    public async Task AReleasedAttemptIsResumableAtOnce()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        await Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/abc", default);

        await Jobs.ReleaseAsync(claim.Job.Id, "worker-a", default);
        var next = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);

        Assert.Equal(ShotClaimKind.Resume, next.Kind);
        Assert.Equal(claim.Job.Id, next.Job.Id);
    }

    [Fact]
    public async Task AStaleClaimWithoutOperationIsReportedUntilAnOverrideReplacesIt()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);

        var resume = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", TimeSpan.Zero, overriding: false, default);
        var @override = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-c", TimeSpan.Zero, overriding: true, default);

        Assert.Equal((ShotClaimKind.Uncertain, claim.Job.Id), (resume.Kind, resume.Job.Id));
        Assert.Equal(ShotClaimKind.NewAttempt, @override.Kind);
        Assert.NotEqual(claim.Job.Id, @override.Job.Id);
        var all = await Jobs.ListJobsAsync(storyId, "scenelet-1", 1, liveOnly: false, default);
        Assert.Equal(ShotVideoJobState.Abandoned, Assert.Single(all, j => j.Id == claim.Job.Id).State);
    }

    [Fact]
    public async Task AnUncertainStartIsKeptLiveAndHeldByNobody()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);

        var marked = await Jobs.MarkUncertainAsync(claim.Job.Id, "worker-a", "the connection dropped after sending", default);
        var next = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);

        Assert.Equal((ShotVideoJobState.Claimed, (string?)null, "the connection dropped after sending"), (marked.State, marked.ClaimedBy, marked.ErrorText));
        Assert.Equal(ShotClaimKind.Uncertain, next.Kind);
    }

    [Fact]
    public async Task SettledAttemptsFreeTheShotAndKeepTheirOutcome()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        await Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/abc", default);

        var settled = await Jobs.SettleAsync(claim.Job.Id, ShotVideoJobState.Succeeded, null, "generated/x.mp4", default);
        var next = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-b", Stale, overriding: false, default);

        Assert.Equal((ShotVideoJobState.Succeeded, "generated/x.mp4", (string?)null), (settled.State, settled.ClipPath, settled.ClaimedBy));
        Assert.NotNull(settled.FinishedAt);
        Assert.Equal(ShotClaimKind.NewAttempt, next.Kind);
    }

    [Fact]
    public async Task RecordingAClipSetsTheShotsPathAndSettlesTheAttemptTogether()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);
        await Jobs.RecordStartedAsync(claim.Job.Id, "worker-a", "operations/abc", default);

        var shot = await Jobs.RecordClipAsync(claim.Job.Id, storyId, "scenelet-1", 1, "generated/clip.mp4", default);
        var missing = await Assert.ThrowsAsync<ShotVideoException>(() => Jobs.RecordClipAsync(claim.Job.Id, storyId, "scenelet-9", 1, "generated/other.mp4", default));

        Assert.Equal("generated/clip.mp4", shot.VideoFilePath);
        var job = Assert.Single(await Jobs.ListJobsAsync(storyId, null, null, liveOnly: false, default));
        Assert.Equal((ShotVideoJobState.Succeeded, "generated/clip.mp4", (string?)null), (job.State, job.ClipPath, job.ClaimedBy));
        Assert.Equal("ShotVideoShotNotFound", missing.ErrorId);
        Assert.Contains("scenelet-9", missing.Message);
    }

    [Fact]
    public async Task HeartbeatsKeepOnlyTheWorkersOwnAttemptsAlive()
    {
        var storyId = await NewShotAsync();
        var claim = await Jobs.ClaimAsync(storyId, "scenelet-1", 1, "Stub", "m", "worker-a", Stale, overriding: false, default);

        Assert.Equal(1, await Jobs.HeartbeatAsync("worker-a", [claim.Job.Id], default));
        Assert.Equal(0, await Jobs.HeartbeatAsync("worker-b", [claim.Job.Id], default));
    }

    private async Task<Guid> NewShotAsync() => (await TestShots.CreateStoryAsync(fixture.Database, ("scenelet-1", 1, 1))).StoryId;
}
