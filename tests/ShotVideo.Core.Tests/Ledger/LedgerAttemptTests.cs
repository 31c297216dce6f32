using ShotVideo.Ledger;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Ledger;

/// <summary>Each transition of the ledger's state machine, as the database records it.</summary>
public sealed class LedgerAttemptTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly VideoOperation Operation = new(VideoBackend.Stub, "m", "operations/abc");
    private readonly LedgerWorker _worker = LedgerWorker.ForThisProcess("run-a");
    private LedgerHeartbeat _heartbeat = null!;

    private JobLedger Jobs => fixture.Database.Jobs;

    public Task InitializeAsync()
    {
        _heartbeat = new LedgerHeartbeat(Jobs, _worker, TimeSpan.FromHours(1));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _heartbeat.DisposeAsync();

    [Fact]
    public async Task ClaimedToStartedRecordsTheOperationAndWhatItCost()
    {
        var (attempt, shot) = await ClaimAsync();

        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, 3.20m, LedgerProbe.Sent);

        var job = await JobAsync(shot);
        Assert.Equal((ShotVideoJobState.Started, "operations/abc", 3.20m, "run-a"), (job.State, job.OperationName, job.CostUsd, job.ClaimedBy));
        Assert.NotNull(job.StartedAt);
        Assert.Equal((LedgerAttempt.AttemptState.Started, Operation), (attempt.State, attempt.Operation));
    }

    [Fact]
    public async Task ClaimedToUncertainStaysLiveHeldByNobody()
    {
        var (attempt, shot) = await ClaimAsync();

        await attempt.SendingAsync(default);
        await attempt.StartUncertainAsync("HTTP 502");

        var job = await JobAsync(shot);
        Assert.Equal((ShotVideoJobState.Claimed, (string?)null, "HTTP 502"), (job.State, job.ClaimedBy, job.ErrorText));
        Assert.True(job.IsLive);
    }

    [Fact]
    public async Task StartedToRecordedSetsTheShotsClipAndTheAttemptsFactsTogether()
    {
        var (attempt, shot) = await ClaimAsync();
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, 3.20m, LedgerProbe.Sent);

        var recorded = await attempt.RecordedAsync(LedgerProbe.Clip("generated/clip.mp4", 6075), TimeSpan.FromSeconds(8), ["the clip is 320x180, 1080p was asked"]);

        var job = await JobAsync(shot);
        Assert.Equal("generated/clip.mp4", recorded.VideoFilePath);
        Assert.Equal((ShotVideoJobState.Succeeded, "generated/clip.mp4", (string?)null, 3.20m), (job.State, job.ClipPath, job.ClaimedBy, job.CostUsd));
        Assert.Equal(LedgerAttempt.AttemptState.Succeeded, attempt.State);
    }

    [Theory]
    [InlineData(ShotVideoJobState.Filtered)]
    [InlineData(ShotVideoJobState.Failed)]
    [InlineData(ShotVideoJobState.Expired)]
    public async Task StartedToSettledFreesTheShotWithTheReason(ShotVideoJobState end)
    {
        var (attempt, shot) = await ClaimAsync();
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, 3.20m, LedgerProbe.Sent);

        await (end switch
        {
            ShotVideoJobState.Filtered => attempt.FilteredAsync("withheld"),
            ShotVideoJobState.Failed => attempt.FailedAsync("withheld"),
            _ => attempt.ExpiredAsync("withheld"),
        });

        var job = await JobAsync(shot);
        Assert.Equal((end, "withheld", (string?)null), (job.State, job.ErrorText, job.ClaimedBy));
        Assert.NotNull(job.FinishedAt);
        // Filtered requests are not charged.
        Assert.Equal(end == ShotVideoJobState.Filtered ? 0m : 3.20m, job.CostUsd);
        Assert.Empty(await Jobs.ListJobsAsync(shot.StoryId, null, null, liveOnly: true, default));
    }

    [Fact]
    public async Task LettingGoOfAStartedAttemptKeepsItsOperationResumable()
    {
        var (attempt, shot) = await ClaimAsync();
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, 3.20m, LedgerProbe.Sent);

        await attempt.LetGoAsync("the download broke off");

        var job = await JobAsync(shot);
        Assert.Equal((ShotVideoJobState.Started, (string?)null, "operations/abc"), (job.State, job.ClaimedBy, job.OperationName));
    }

    [Fact]
    public async Task TransitionsOutOfOrderAreRefused()
    {
        var (attempt, _) = await ClaimAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => attempt.FailedAsync("too early"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => attempt.RecordedAsync(LedgerProbe.Clip("generated/x.mp4"), TimeSpan.Zero, []));
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, null, LedgerProbe.Sent);
        await Assert.ThrowsAsync<InvalidOperationException>(() => attempt.StartedAsync(Operation, null, LedgerProbe.Sent));
    }

    [Fact]
    public async Task RecordingForAShotThatIsGoneSaysSoAndKeepsTheAttemptStarted()
    {
        var (attempt, shot) = await ClaimAsync();
        await attempt.SendingAsync(default);
        await attempt.StartedAsync(Operation, null, LedgerProbe.Sent);
        var missing = await Assert.ThrowsAsync<ShotVideoException>(() => Jobs.RecordClipAsync(attempt.Job.Id, shot with { SceneletId = "scenelet-9" }, LedgerProbe.Clip("generated/x.mp4"), TimeSpan.Zero, null, default));

        Assert.Equal("ShotVideoShotNotFound", missing.ErrorId);
        Assert.Equal("scenelet-9", missing.Shot!.Value.SceneletId);
        Assert.Equal(ShotVideoJobState.Started, (await JobAsync(shot)).State);
    }

    private async Task<(LedgerAttempt Attempt, ShotKey Shot)> ClaimAsync()
    {
        var shot = (await TestShots.CreateStoryAsync(fixture.Database, ("scenelet-1", 1, 1))).Shots[0];
        var claim = await Jobs.ClaimAsync(shot.Key, VideoBackend.Stub, "m", _worker, TimeSpan.FromMinutes(2), new ClaimRule(shot.UpdatedAt, false), _heartbeat, default);
        return (Assert.IsType<ClaimOutcome.Owned>(claim).Attempt, shot.Key);
    }

    private async Task<ShotVideoJob> JobAsync(ShotKey shot) =>
        Assert.Single(await Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, liveOnly: false, default));
}
