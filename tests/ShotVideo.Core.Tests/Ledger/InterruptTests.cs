using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Ledger;

/// <summary>Issue 5 proof: Ctrl+C (SIGINT) while polling leaves the paid attempts resumable, and a re-run resumes them.</summary>
public sealed class InterruptTests
{
    private const int Shots = 2;

    [Fact]
    public async Task CtrlCWhilePollingReleasesTheAttemptsAndARerunResumesThem()
    {
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(1, Shots);
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(3) };

        await using (var interrupted = workspace.StartWorker(workspace.WorkerOptions() with { WorkerId = "interrupted-worker", Throttle = Shots }))
        {
            await LedgerProbe.StartedAsync(workspace, Shots);
            interrupted.Interrupt();
            Assert.Equal(1, await interrupted.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("cancelled", interrupted.Lines);
        }

        Assert.Empty(workspace.Veo.Requests.Of(FakeVeoEndpoint.Download));
        Assert.Empty(workspace.ShotFiles());
        Assert.All(await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default), s => Assert.Null(s.VideoFilePath));
        var released = await LedgerProbe.AllJobsAsync(workspace);
        Assert.Equal(Shots, released.Count);
        Assert.All(released, j => Assert.Equal((ShotVideoJobState.Started, (string?)null), (j.State, j.ClaimedBy)));

        // Default claim timeout (2 minutes): a released attempt needs no waiting.
        await using var rerun = workspace.StartWorker(workspace.WorkerOptions());
        Assert.True(await rerun.WaitForExitAsync(LedgerProbe.Patience) == 0, rerun.Transcript);

        Assert.Equal(Shots, workspace.Veo.Requests.StartCount);
        Assert.All(rerun.Shots, s => Assert.Equal(("Generated", true), (s.Status, s.Resumed)));
        Assert.Equal(released.Select(j => j.OperationName).Order(), rerun.Shots.Select(s => s.OperationName).Order());
        await LedgerProbe.AssertEveryShotRecordedAsync(workspace, Shots);
        Assert.All(await LedgerProbe.AllJobsAsync(workspace), j => Assert.Equal(ShotVideoJobState.Succeeded, j.State));
    }
}
