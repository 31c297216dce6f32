using ShotVideo.Ledger;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Ledger;

/// <summary>Claims in the job ledger: who gets a shot, who is told it is held, and what is kept for later runs.</summary>
public sealed class JobLedgerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);
    private readonly Dictionary<ShotKey, DateTimeOffset> _plannedVersions = [];
    private LedgerHeartbeat _heartbeat = null!;

    private JobLedger Jobs => fixture.Database.Jobs;

    public Task InitializeAsync()
    {
        _heartbeat = new LedgerHeartbeat(Jobs, Worker("heartbeat"), TimeSpan.FromHours(1));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _heartbeat.DisposeAsync();

    [Fact]
    public async Task AShotHasOneLiveAttemptAndOtherRunsSeeItsHolder()
    {
        var shot = await NewShotAsync();

        var first = Owned(await ClaimAsync(shot, Worker("a")));
        var second = Assert.IsType<ClaimOutcome.HeldByOther>(await ClaimAsync(shot, Worker("b")));

        Assert.Equal((ShotVideoJobState.Claimed, LedgerAttempt.AttemptState.Claimed, false), (first.Job.State, first.State, first.Resumed));
        Assert.Equal((first.Job.Id, "a"), (second.Job.Id, second.Job.ClaimedBy));
    }

    [Fact]
    public async Task ConcurrentClaimsProduceExactlyOneAttempt()
    {
        var shot = await NewShotAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ClaimAsync(shot, Worker($"w{i}")))));

        Assert.Single(claims.OfType<ClaimOutcome.Owned>());
        Assert.Equal(7, claims.OfType<ClaimOutcome.HeldByOther>().Count());
        Assert.Single(await Jobs.ListJobsAsync(shot.StoryId, null, null, liveOnly: true, default));
    }

    [Fact]
    public async Task AStartedAttemptWhoseRunStoppedHeartbeatingIsResumedNotRestarted()
    {
        var shot = await NewShotAsync();
        var first = Owned(await ClaimAsync(shot, Worker("a")));
        await first.SendingAsync(default);
        await first.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/abc"), 3.20m, LedgerProbe.Sent);

        var fresh = await ClaimAsync(shot, Worker("b"));
        var afterTimeout = Owned(await ClaimAsync(shot, Worker("b"), TimeSpan.Zero));

        Assert.IsType<ClaimOutcome.HeldByOther>(fresh);
        Assert.Equal((first.Job.Id, true, "operations/abc", LedgerAttempt.AttemptState.Started), (afterTimeout.Job.Id, afterTimeout.Resumed, afterTimeout.Operation!.Name, afterTimeout.State));
        var lost = await Assert.ThrowsAsync<ShotVideoException>(() => Jobs.RecordStartedAsync(first.Job.Id, Worker("a"), "operations/other", null, LedgerProbe.Sent, default));
        Assert.Equal("ShotVideoClaimLost", lost.ErrorId);
    }

    [Fact]
    public async Task AClaimWhoseProcessIsGoneFromThisMachineIsTakenOverAtOnce()
    {
        var shot = await NewShotAsync();
        // A pid no process has: the holder is gone although its heartbeat is fresh.
        var dead = new LedgerWorker("dead-run", Environment.MachineName, int.MaxValue - 7, DateTimeOffset.UtcNow);
        var elsewhere = new LedgerWorker("other-machine", "another-host", int.MaxValue - 7, DateTimeOffset.UtcNow);
        var held = Owned(await ClaimAsync(shot, dead));
        await held.SendingAsync(default);
        await held.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/abc"), null, LedgerProbe.Sent);
        var other = await NewShotAsync();
        var remote = Owned(await ClaimAsync(other, elsewhere));
        await remote.SendingAsync(default);
        await remote.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/def"), null, LedgerProbe.Sent);

        var takenOver = Owned(await ClaimAsync(shot, Worker("b")));
        var leftAlone = await ClaimAsync(other, Worker("b"));

        Assert.Equal((held.Job.Id, true), (takenOver.Job.Id, takenOver.Resumed));
        Assert.IsType<ClaimOutcome.HeldByOther>(leftAlone);
    }

    [Fact]
    public async Task AReleasedStartedAttemptIsResumableAtOnceAndAnUnsentOneIsAbandoned()
    {
        var shot = await NewShotAsync();
        var unsent = await NewShotAsync();
        var started = Owned(await ClaimAsync(shot, Worker("a")));
        await started.SendingAsync(default);
        await started.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/abc"), 3.20m, LedgerProbe.Sent);
        var claimed = Owned(await ClaimAsync(unsent, Worker("a")));

        await started.LetGoAsync("stopped");
        await claimed.LetGoAsync("Stopped before the start request was sent.");
        var next = Owned(await ClaimAsync(shot, Worker("b")));
        var fresh = Owned(await ClaimAsync(unsent, Worker("b")));

        Assert.Equal((started.Job.Id, true), (next.Job.Id, next.Resumed));
        Assert.NotEqual(claimed.Job.Id, fresh.Job.Id);
        var abandoned = Assert.Single(await Jobs.ListJobsAsync(unsent.StoryId, null, null, false, default, [ShotVideoJobState.Abandoned]));
        Assert.Equal("Stopped before the start request was sent.", abandoned.ErrorText);
    }

    [Fact]
    public async Task AnUncertainStartIsKeptLiveHeldByNobodyAndReportedUntilAnOverrideReplacesIt()
    {
        var shot = await NewShotAsync();
        var attempt = Owned(await ClaimAsync(shot, Worker("a")));

        await attempt.SendingAsync(default);
        await attempt.StartUncertainAsync("the connection dropped after sending");
        var again = Assert.IsType<ClaimOutcome.UncertainStart>(await ClaimAsync(shot, Worker("b")));
        var replaced = Owned(await ClaimAsync(shot, Worker("c"), replaceUncertain: true));

        Assert.Equal((ShotVideoJobState.Claimed, (string?)null, "the connection dropped after sending"), (again.Job.State, again.Job.ClaimedBy, again.Job.ErrorText));
        Assert.NotEqual(attempt.Job.Id, replaced.Job.Id);
        var all = await Jobs.ListJobsAsync(shot.StoryId, null, null, liveOnly: false, default);
        Assert.Equal(ShotVideoJobState.Abandoned, Assert.Single(all, j => j.Id == attempt.Job.Id).State);
    }

    [Fact]
    public async Task AClipAnotherRunRecordedAfterThisRunPlannedIsKeptInEveryMode()
    {
        var shot = await NewShotAsync();
        var attempt = Owned(await ClaimAsync(shot, Worker("a")));
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/abc"), 3.20m, LedgerProbe.Sent);
        await attempt.RecordedAsync(LedgerProbe.Clip("generated/x.mp4", 100), TimeSpan.FromSeconds(8), []);

        var resume = Assert.IsType<ClaimOutcome.Recorded>(await ClaimAsync(shot, Worker("b")));
        var @override = Assert.IsType<ClaimOutcome.Recorded>(await ClaimAsync(shot, Worker("b"), replaceUncertain: true));
        await ReplanAsync(shot);
        var replanned = Owned(await ClaimAsync(shot, Worker("b"), replaceUncertain: true));

        Assert.Equal((attempt.Job.Id, "generated/x.mp4"), (resume.Job.Id, resume.Job.ClipPath));
        Assert.Equal(attempt.Job.Id, @override.Job.Id);
        Assert.NotEqual(attempt.Job.Id, replanned.Job.Id);
    }

    [Fact]
    public async Task AShotChangedSinceThePlanIsNotStartedFromThatPlan()
    {
        var shot = await NewShotAsync();
        await Database.MigrationRunnerTests.ExecuteAsync(
            fixture.ConnectionString, $"update public.shots set key_frame_image_path = 'x.png' where story_id = '{shot.StoryId}'");

        var claim = await ClaimAsync(shot, Worker("a"));

        Assert.IsType<ClaimOutcome.Changed>(claim);
        Assert.Empty(await Jobs.ListJobsAsync(shot.StoryId, null, null, liveOnly: false, default));
    }

    [Fact]
    public async Task AClaimRacingARecordingNeverStartsTheShotAgain()
    {
        // Many shots, each finished by one run while another claims it from the same plan: the claim either sees the
        // live attempt, or the recorded clip; never neither.
        for (var round = 0; round < 20; round++)
        {
            var shot = await NewShotAsync();
            var attempt = Owned(await ClaimAsync(shot, Worker("a")));
            await attempt.SendingAsync(default);
            await attempt.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", $"operations/{round}"), null, LedgerProbe.Sent);

            var recording = Task.Run(() => attempt.RecordedAsync(LedgerProbe.Clip("generated/x.mp4"), TimeSpan.Zero, []));
            var claim = await Task.Run(() => ClaimAsync(shot, Worker("b")));
            await recording;

            Assert.IsNotType<ClaimOutcome.Owned>(claim);
        }
    }

    [Fact]
    public async Task HeartbeatsKeepOnlyTheRunsOwnAttemptsAlive()
    {
        var shot = await NewShotAsync();
        var attempt = Owned(await ClaimAsync(shot, Worker("a")));

        Assert.Equal(1, await Jobs.HeartbeatAsync(Worker("a"), [attempt.Job.Id], default));
        Assert.Equal(0, await Jobs.HeartbeatAsync(Worker("b"), [attempt.Job.Id], default));
    }

    [Fact]
    public async Task JobsCanBeListedByStateAndTime()
    {
        var shot = await NewShotAsync();
        var attempt = Owned(await ClaimAsync(shot, Worker("a")));
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(new VideoOperation(VideoBackend.Stub, "m", "operations/abc"), 1m, LedgerProbe.Sent);

        var started = await Jobs.ListJobsAsync(shot.StoryId, null, null, false, default, [ShotVideoJobState.Started]);
        var failed = await Jobs.ListJobsAsync(shot.StoryId, null, null, false, default, [ShotVideoJobState.Failed]);
        var future = await Jobs.ListJobsAsync(shot.StoryId, null, null, false, default, since: DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal((attempt.Job.Id, 1m), (Assert.Single(started).Id, started[0].CostUsd));
        Assert.Empty(failed);
        Assert.Empty(future);
    }

    private Task<ClaimOutcome> ClaimAsync(ShotKey shot, LedgerWorker worker, TimeSpan? stale = null, bool replaceUncertain = false) =>
        Jobs.ClaimAsync(shot, VideoBackend.Stub, "m", worker, stale ?? Stale, new ClaimRule(_plannedVersions[shot], replaceUncertain), _heartbeat, default);

    /// <summary>Reads the shot again, as a new plan would.</summary>
    private async Task ReplanAsync(ShotKey shot) =>
        _plannedVersions[shot] = Assert.Single(await fixture.Database.Shots.ListShotsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, default)).UpdatedAt;

    private static LedgerAttempt Owned(ClaimOutcome claim) => Assert.IsType<ClaimOutcome.Owned>(claim).Attempt;

    private static LedgerWorker Worker(string run) => LedgerWorker.ForThisProcess(run);

    private async Task<ShotKey> NewShotAsync()
    {
        var shot = (await TestShots.CreateStoryAsync(fixture.Database, ("scenelet-1", 1, 1))).Shots[0];
        _plannedVersions[shot.Key] = shot.UpdatedAt;
        return shot.Key;
    }
}
