using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Pacing;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Ledger;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Generation;

/// <summary>
/// Runs paced to Google's start-request quota, against the fake service's quota over real HTTP: a 429 on a start is
/// not a failure while the quota recovers, the same claim sends again, and a claim that never sent is no one's money.
/// </summary>
public sealed class PacedRunTests
{
    [Fact]
    public async Task ARunAgainstAFixedWindowQuotaStartsEveryShotOnceWithFewRefusals()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(3, 10);
        using var gemini = workspace.Gemini();
        workspace.Veo.Quota = new FakeVeoQuota(10, TimeSpan.FromSeconds(2));
        var progress = new RecordingProgress();

        var run = await workspace.Task(gemini, workspace.Options() with { ThrottleLimit = 30, StartsPerMinute = 300 })
            .RunAsync(workspace.Selection(ShotVideoMode.Default), progress);

        var quota = workspace.Veo.Quota;
        Assert.Equal((30, 0), (run.Generated, run.Failed));
        Assert.Equal((30, 30), (quota.Accepted, workspace.Veo.Operations.Count));
        Assert.Equal(quota.Decisions.Count, workspace.Veo.Requests.StartCount);
        Assert.True(quota.Refused <= 0.2 * quota.Decisions.Count, $"{quota.Refused} of {quota.Decisions.Count} start requests refused");
        // A refused start is sent again under the same claim: one ledger attempt per shot, all recorded.
        var jobs = await LedgerProbe.AllJobsAsync(workspace);
        Assert.Equal(30, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(ShotVideoJobState.Succeeded, job.State));
        Assert.NotEmpty(progress.QuotaWaits);
    }

    [Fact]
    public async Task AQuotaThatStaysRefusedStopsTheRunReleasesItsClaimsAndCreatesNoJob()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 3);
        using var gemini = workspace.Gemini();
        workspace.Veo.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.TooManyRequests(), times: 1000);
        var pacing = new StartPacingOptions { StartsPerMinute = 600, MaxRefusedTime = TimeSpan.FromSeconds(1.5), MaxPause = TimeSpan.FromMilliseconds(200) };

        var run = await workspace.Task(gemini, workspace.Options() with { StartPacing = pacing }).RunAsync(workspace.Selection(ShotVideoMode.Default));

        Assert.Equal("ShotVideoQuotaRefused", run.StoppedBy?.ErrorId);
        Assert.True(run.StoppedBy!.AffectsEveryShot);
        Assert.Equal(0, run.Generated);
        Assert.All(run.Shots, shot => Assert.Contains(shot.Status, (ShotVideoStatus[])[ShotVideoStatus.Failed, ShotVideoStatus.NotStarted]));
        Assert.True(workspace.Veo.Requests.StartCount > 3, "refused starts are sent again while the quota may recover");
        Assert.Empty(workspace.Veo.Operations);
        var jobs = await LedgerProbe.AllJobsAsync(workspace);
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, job => Assert.Equal((ShotVideoJobState.Abandoned, (DateTimeOffset?)null), (job.State, job.SendingAt)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AClaimWhoseRunDiedBeforeSendingIsClaimedAnewButOneThatSentIsNeverSentAgain(bool sent)
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, 1);
        using var gemini = workspace.Gemini();
        var shot = Assert.Single(await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default));
        var dead = LedgerWorker.ForThisProcess("died-waiting-for-the-quota");
        await using (var heartbeat = new LedgerHeartbeat(workspace.Database.Jobs, dead, TimeSpan.FromHours(1)))
        {
            var claim = Assert.IsType<ClaimOutcome.Owned>(await workspace.Database.Jobs.ClaimAsync(
                shot.Key, gemini.Backend, gemini.Model, dead, TimeSpan.FromMinutes(2), new ClaimRule(shot.UpdatedAt, false), heartbeat, default));
            if (sent)
            {
                await claim.Attempt.SendingAsync(default);
            }
        }

        await Task.Delay(300);
        var run = await workspace.Task(gemini, workspace.Options() with { ClaimStaleAfter = TimeSpan.FromMilliseconds(100) })
            .RunAsync(workspace.Selection(ShotVideoMode.Default));

        var jobs = await LedgerProbe.AllJobsAsync(workspace);
        if (sent)
        {
            var result = Assert.Single(run.Shots);
            Assert.Equal((ShotVideoStatus.Refused, "ShotVideoStartUncertain"), (result.Status, result.Error?.ErrorId));
            Assert.Equal(0, workspace.Veo.Requests.StartCount);
            Assert.True(Assert.Single(jobs).StartUnanswered);
        }
        else
        {
            Assert.Equal(1, run.Generated);
            Assert.Equal(1, workspace.Veo.Requests.StartCount);
            Assert.Equal(
                [ShotVideoJobState.Abandoned, ShotVideoJobState.Succeeded],
                jobs.OrderBy(job => job.ClaimedAt).Select(job => job.State));
        }
    }
}
