using ShotVideo.Database;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Ledger;

/// <summary>Issue 5 proof: a worker killed between the paid start request and the download loses nothing and costs nothing twice.</summary>
public sealed class KillMidRunTests
{
    private const int Shots = 3;

    [Fact]
    public async Task AKilledWorkersPaidOperationsAreResumedByTheNextRunNotStartedAgain()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, Shots);
        // Long enough that the kill surely comes before any clip is ready; the re-run then waits out the rest.
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(4) };

        IReadOnlyList<ShotVideoJob> paid;
        await using (var doomed = workspace.StartWorker(workspace.WorkerOptions() with
        {
            WorkerId = "doomed-worker",
            Throttle = Shots,
            HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        }))
        {
            paid = await LedgerProbe.StartedAsync(workspace, Shots);
            Assert.Equal(Shots, workspace.Veo.Requests.StartCount);
            doomed.Kill();
            await doomed.WaitForExitAsync(LedgerProbe.Patience);
            Assert.Empty(workspace.Veo.Requests.Of(FakeVeoEndpoint.Download));
            Assert.Empty(doomed.Shots);
        }

        // The dead worker still holds its claims: a run right away leaves them to it rather than guess it is dead.
        Assert.All(await LedgerProbe.AllJobsAsync(workspace), j => Assert.Equal((ShotVideoJobState.Started, "doomed-worker"), (j.State, j.ClaimedBy)));
        await using (var early = workspace.StartWorker(workspace.WorkerOptions() with { ClaimStaleAfter = TimeSpan.FromMinutes(1) }))
        {
            Assert.Equal(0, await early.WaitForExitAsync(LedgerProbe.Patience));
            Assert.Equal(Shots.ToString(), early.Summary["claimed"]);
        }

        // Once its heartbeat is older than the claim timeout, the next run takes the claims over and finishes the paid jobs.
        var staleAfter = TimeSpan.FromSeconds(1);
        var lastBeat = (await LedgerProbe.AllJobsAsync(workspace)).Max(j => j.HeartbeatAt);
        var untilStale = lastBeat + staleAfter + TimeSpan.FromMilliseconds(200) - DateTimeOffset.UtcNow;
        if (untilStale > TimeSpan.Zero)
        {
            await Task.Delay(untilStale);
        }

        await using var rerun = workspace.StartWorker(workspace.WorkerOptions() with { ClaimStaleAfter = staleAfter });
        Assert.True(await rerun.WaitForExitAsync(LedgerProbe.Patience) == 0, rerun.Transcript);

        Assert.Equal(Shots, workspace.Veo.Requests.StartCount);
        Assert.Equal(Shots, rerun.Shots.Count);
        Assert.All(rerun.Shots, s => Assert.Equal(("Generated", true), (s.Status, s.Resumed)));
        Assert.Equal(paid.Select(j => j.OperationName).Order(), rerun.Shots.Select(s => s.OperationName).Order());
        await LedgerProbe.AssertEveryShotRecordedAsync(workspace, Shots);
        var jobs = await LedgerProbe.AllJobsAsync(workspace);
        Assert.Equal(paid.Select(j => j.Id).Order(), jobs.Select(j => j.Id).Order());
        Assert.All(jobs, j => Assert.Equal((ShotVideoJobState.Succeeded, (string?)null), (j.State, j.ClaimedBy)));
        Assert.Equal(
            Enumerable.Range(1, Shots).Select(i => Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-1", $"shot-{i}.mp4")),
            workspace.ShotFiles());
    }
}
