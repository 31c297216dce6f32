using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>
/// Issue 3: N shots whose jobs are done at the first poll, so the wall time is all local work: prompt, ledger claim,
/// start request, operation name, poll, download, clip written and flushed to disk, path recorded, attempt settled.
/// </summary>
internal static class OverheadScenario
{
    private const int WarmUpShots = 50;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        var rows = new List<BenchRow>();

        // Untimed warm-up: JIT and tiered compilation of the whole path would otherwise be billed to the first shots.
        await using (var warmUp = await BenchWorld.CreateAsync(server, WarmUpShots, new FakeVeoOperationPlan()))
        {
            await warmUp.RunAsync(throttle: 1);
        }

        foreach (var throttle in new[] { 1, 8 })
        {
            await using var world = await BenchWorld.CreateAsync(server, settings.OverheadShots, new FakeVeoOperationPlan());
            var (run, wall) = await world.RunAsync(throttle);
            Figures.RequireAllGenerated(run, settings.OverheadShots);
            var perShot = wall.TotalMilliseconds / settings.OverheadShots;
            rows.Add(new BenchRow(
                "overhead",
                $"{settings.OverheadShots} shots, zero latency, throttle {throttle}",
                $"{Figures.Milliseconds(perShot)} per shot",
                "< 5 ms per shot",
                perShot < 5,
                throttle == 1 ? "serial: each shot's own cost" : "wall / shots with 8 in flight"));
        }

        return rows;
    }
}
