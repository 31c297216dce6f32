using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Generation;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Tests.Support;
using Xunit.Abstractions;

namespace ShotVideo.Tests.Ledger;

/// <summary>
/// Issue 5 proof: the database server restarts while shots are polling (every connection dropped). The run recovers or
/// fails naming the database, and a re-run pays for no recorded operation again. The server is this test's own, so
/// tests running in parallel on the shared server are not disturbed.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int Scenelets = 2;
    private const int ShotsEach = 6;
    private const int Shots = Scenelets * ShotsEach;
    private const int Throttle = 4;

    [Fact]
    public async Task ARunSurvivesOrFailsClearlyAndARerunStartsNoRecordedOperationAgain()
    {
        await using var server = await PostgresServer.StartOwnAsync();
        await using var workspace = await SampleStoryWorkspace.CreateWithShotsAsync(Scenelets, ShotsEach, server);
        workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(1.5) };
        var options = workspace.Options() with
        {
            ThrottleLimit = Throttle,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        };

        ShotVideoRunResult? first = null;
        ShotVideoException? stopped = null;
        using (var gemini = workspace.Gemini(TimeSpan.FromMilliseconds(50)))
        {
            var run = Task.Run(() => new ShotVideoTask(workspace.Database, gemini, options).RunAsync(workspace.Selection(ShotVideoMode.Resume)));
            await LedgerProbe.StartedAsync(workspace, Throttle);
            await server.RestartAsync();
            try
            {
                first = await run;
            }
            catch (ShotVideoException ex)
            {
                stopped = ex;
            }
        }

        output.WriteLine(stopped is not null
            ? $"first run threw {stopped.ErrorId}"
            : $"first run: {first!.Generated} generated, {first.Failed} failed ({first.StoppedBy?.ErrorId ?? "not stopped"}), {first.NotStarted} not started");

        // Recovered, or failed with the database named as the reason (for the run, or for the shots that could not go on).
        if (stopped is not null)
        {
            Assert.Equal("ShotVideoDatabaseUnreachable", stopped.ErrorId);
        }
        else
        {
            Assert.All(first!.Shots.Where(s => s.Status == ShotVideoStatus.Failed), s => Assert.Equal("ShotVideoDatabaseUnreachable", s.Error!.ErrorId));
            Assert.Equal(Shots, first.Generated + first.Failed + first.NotStarted);
        }

        var recorded = (await LedgerProbe.AllJobsAsync(workspace)).Where(j => j.OperationName is not null).ToDictionary(LedgerProbe.Key, j => j.OperationName);
        Assert.True(recorded.Count >= Throttle, $"Only {recorded.Count} operations were recorded before the restart.");

        using var fresh = workspace.Gemini(TimeSpan.FromMilliseconds(50));
        var rerun = await new ShotVideoTask(workspace.Database, fresh, options with { Worker = LedgerWorker.ForThisProcess("rerun"), ClaimStaleAfter = TimeSpan.FromSeconds(1) })
            .RunAsync(workspace.Selection(ShotVideoMode.Resume));

        Assert.Equal(0, rerun.Failed);
        await LedgerProbe.AssertEveryShotRecordedAsync(workspace, Shots);
        var jobs = await LedgerProbe.AllJobsAsync(workspace);
        var operations = jobs.Where(j => j.OperationName is not null).GroupBy(LedgerProbe.Key).ToDictionary(g => g.Key, g => g.Select(j => j.OperationName).Distinct().ToList());
        Assert.Equal(Shots, operations.Count);
        Assert.All(operations, shot => Assert.Single(shot.Value));
        Assert.All(recorded, shot => Assert.Equal(shot.Value, Assert.Single(operations[shot.Key])));
        // Every start request the fake saw is a recorded operation: none was sent and then forgotten.
        Assert.Equal(Shots, workspace.Veo.Requests.StartCount);
        Assert.Equal(workspace.Veo.Operations.Select(o => o.Name).Order(), operations.Values.Select(v => v[0]).Order());
    }
}
