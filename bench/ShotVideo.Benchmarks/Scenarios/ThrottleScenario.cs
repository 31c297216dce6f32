using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>Issue 3: N shots with a fixed generation latency at throttle 1 and 8, against the ideal ceil(N/k)·latency.</summary>
internal static class ThrottleScenario
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        var rows = new List<BenchRow>();
        foreach (var throttle in new[] { 1, 8 })
        {
            await using var world = await BenchWorld.CreateAsync(server, settings.ThrottleShots, new FakeVeoOperationPlan { Latency = settings.ThrottleLatency });
            var (run, wall) = await world.RunAsync(throttle);
            Figures.RequireAllGenerated(run, settings.ThrottleShots);
            var ideal = settings.ThrottleLatency * Math.Ceiling(settings.ThrottleShots / (double)throttle);
            rows.Add(new BenchRow(
                "throttle",
                $"{settings.ThrottleShots} shots x {Figures.Seconds(settings.ThrottleLatency)}, throttle {throttle}",
                Figures.Seconds(wall),
                $"{Figures.Seconds(ideal)} (within 10%)",
                wall <= ideal * 1.1,
                $"{Figures.Percent((wall / ideal) - 1)} vs ideal"));
        }

        return rows;
    }
}
