using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Testing.Workers;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>
/// Issue 5: several worker processes on one story, released at one moment. Wall time against the ideal for their
/// combined throttle, and start requests beyond one per shot (each would be a clip paid twice).
/// </summary>
internal static class WorkersScenario
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        // One process with the same share of the work first: what any worker process costs without peers to coordinate with.
        var alone = await RunWorkersAsync(server, settings, 1, settings.WorkerShots / BenchSettings.Workers);
        var together = await RunWorkersAsync(server, settings, BenchSettings.Workers, settings.WorkerShots);
        return
        [
            alone.Row,
            together.Row,
            new BenchRow("workers", "duplicate start requests", together.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture), "0",
                together.Duplicates == 0, $"{together.Duplicates + settings.WorkerShots} start requests for {settings.WorkerShots} shots"),
        ];
    }

    private static async Task<(BenchRow Row, int Duplicates)> RunWorkersAsync(PostgresServer server, BenchSettings settings, int processes, int shots)
    {
        await using var world = await BenchWorld.CreateAsync(server, shots, new FakeVeoOperationPlan { Latency = settings.WorkerLatency });
        var workers = Enumerable.Range(1, processes)
            .Select(i => TestWorkerProcess.Start(
                world.WorkerOptions() with { WorkerId = $"bench-worker-{i}", Throttle = BenchSettings.WorkerThrottle, WaitForGo = true },
                world.Veo.Options.ApiKey))
            .ToList();
        var wall = await WorkerFleet.RunAsync(workers);

        var recorded = (await world.Database.Shots.ListShotsAsync(world.StoryId, null, null, CancellationToken.None)).Count(s => s.VideoFilePath is not null);
        var ideal = settings.WorkerLatency * Math.Ceiling(shots / (double)(processes * BenchSettings.WorkerThrottle));
        var perWorker = string.Join("/", workers.Select(w => w.Summary.GetValueOrDefault("generated", "?")));
        var longestRun = TimeSpan.FromMilliseconds(workers.Max(w => double.Parse(w.Summary.GetValueOrDefault("elapsed-ms", "0"), System.Globalization.CultureInfo.InvariantCulture)));
        // Each process's first shots pay its warm-up (JIT, first HTTP and ledger calls); later shots show the steady state.
        var generated = workers.Select(w => w.Shots.Where(s => s.Status == "Generated").Select(s => s.Elapsed.TotalSeconds).ToList()).ToList();
        var firstRound = generated.SelectMany(g => g.Take(BenchSettings.WorkerThrottle)).DefaultIfEmpty().Average();
        var laterRounds = generated.SelectMany(g => g.Skip(BenchSettings.WorkerThrottle)).DefaultIfEmpty().Average();
        var row = new BenchRow(
            "workers",
            $"{processes} process{(processes == 1 ? "" : "es")} x throttle {BenchSettings.WorkerThrottle}, {shots} shots x {Figures.Seconds(settings.WorkerLatency)}",
            Figures.Seconds(wall),
            $"{Figures.Seconds(ideal)} (within 10%)",
            wall <= ideal * 1.1,
            $"{Figures.Percent((wall / ideal) - 1)} vs ideal (go to last exit; longest run itself {Figures.Seconds(longestRun)}); "
            + $"shot time first round {Figures.Seconds(TimeSpan.FromSeconds(firstRound))}, later {Figures.Seconds(TimeSpan.FromSeconds(laterRounds))}; generated per worker {perWorker}; {recorded}/{shots} recorded");
        return (row, world.Veo.Requests.StartCount - shots);
    }
}
