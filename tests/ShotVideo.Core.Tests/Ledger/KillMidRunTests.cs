using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Ledger;

/// <summary>
/// A worker killed (kill -9) between the paid start request and the download loses nothing and costs nothing twice, and
/// a run started at once on the same machine finishes its shots: the claims' process is gone, so nothing waits for them.
/// </summary>
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

        // The dead worker's claims still look fresh (its heartbeat is seconds old), but its process is gone from this
        // machine: a run right away takes them over and finishes the paid jobs, with no new start request.
        Assert.All(await LedgerProbe.AllJobsAsync(workspace), j => Assert.Equal((ShotVideoJobState.Started, "doomed-worker"), (j.State, j.ClaimedBy)));
        await using var rerun = workspace.StartWorker(workspace.WorkerOptions() with { ClaimStaleAfter = TimeSpan.FromMinutes(10) });
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
