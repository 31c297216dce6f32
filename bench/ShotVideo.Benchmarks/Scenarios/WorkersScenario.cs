using System.Diagnostics;
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
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        await using var world = await BenchWorld.CreateAsync(server, settings.WorkerShots, new FakeVeoOperationPlan { Latency = settings.WorkerLatency });
        var workers = Enumerable.Range(1, BenchSettings.Workers)
            .Select(i => TestWorkerProcess.Start(
                world.WorkerOptions() with { WorkerId = $"bench-worker-{i}", Throttle = BenchSettings.WorkerThrottle, WaitForGo = true },
                world.Veo.Options.ApiKey))
            .ToList();
        TimeSpan wall;
        try
        {
            await Task.WhenAll(workers.Select(w => w.ReadyAsync(Patience)));
            var watch = Stopwatch.StartNew();
            workers.ForEach(w => w.Go());
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(Patience)));
            wall = watch.Elapsed;
            if (exitCodes.Any(code => code != 0))
            {
                throw new InvalidOperationException("A worker failed:" + Environment.NewLine + string.Join(Environment.NewLine, workers.Select(w => w.Transcript)));
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }

        var recorded = (await world.Database.Shots.ListShotsAsync(world.StoryId, null, null, CancellationToken.None)).Count(s => s.VideoFilePath is not null);
        var duplicates = world.Veo.Requests.StartCount - settings.WorkerShots;
        var slots = BenchSettings.Workers * BenchSettings.WorkerThrottle;
        var ideal = settings.WorkerLatency * Math.Ceiling(settings.WorkerShots / (double)slots);
        var perWorker = string.Join("/", workers.Select(w => w.Summary.GetValueOrDefault("generated", "?")));
        var label = $"{BenchSettings.Workers} processes x throttle {BenchSettings.WorkerThrottle}, {settings.WorkerShots} shots x {Figures.Seconds(settings.WorkerLatency)}";
        return
        [
            new BenchRow("workers", label, Figures.Seconds(wall), $"{Figures.Seconds(ideal)} (within 10%)", wall <= ideal * 1.1,
                $"{Figures.Percent((wall / ideal) - 1)} vs ideal; generated per worker {perWorker}; {recorded}/{settings.WorkerShots} recorded"),
            new BenchRow("workers", "duplicate start requests", duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", duplicates == 0,
                $"{world.Veo.Requests.StartCount} start requests for {settings.WorkerShots} shots"),
        ];
    }
}
