using System.Globalization;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Testing.Workers;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>
/// Issue 10: runs against a start quota (the fake service accepts N starts per fixed window, 429 without Retry-After
/// beyond it), paced by <c>StartsPerMinute</c> set to that quota. Wall time against the quota-bound ideal (the last
/// window's starts plus one clip's latency), the share of start requests refused, and starts beyond one per shot.
/// </summary>
internal static class QuotaScenario
{
    private const int PerWindow = 10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(6);
    private static readonly double StartsPerMinute = PerWindow * (TimeSpan.FromMinutes(1) / Window);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        int shots = settings.QuotaShots;
        await WarmUpAsync(server);
        return [await OneProcessAsync(server, shots), .. await FourWorkersAsync(server, shots)];
    }

    /// <summary>JIT, HTTP and PostgreSQL paths once, so the timed runs measure pacing rather than this process's start.</summary>
    private static async Task WarmUpAsync(PostgresServer server)
    {
        await using var world = await BenchWorld.CreateAsync(server, 4, new FakeVeoOperationPlan());
        Figures.RequireAllGenerated((await world.RunAsync(throttle: 4)).Run, 4);
    }

    private static async Task<BenchRow> OneProcessAsync(PostgresServer server, int shots)
    {
        await using var world = await BenchWorld.CreateAsync(server, shots, new FakeVeoOperationPlan { Latency = Latency });
        var quota = world.Veo.Quota = new FakeVeoQuota(PerWindow, Window);
        var (run, wall) = await world.RunAsync(throttle: shots, StartsPerMinute);
        Figures.RequireAllGenerated(run, shots);
        return Row($"1 process, {shots} shots, throttle {shots}", shots, wall, quota, world.Veo.Operations.Count - shots, $"{run.Generated}/{shots} recorded", 1.10);
    }

    /// <summary>Four worker processes, two on each of two stories, one project: the quota is shared through the database.</summary>
    private static async Task<IReadOnlyList<BenchRow>> FourWorkersAsync(PostgresServer server, int shotsPerStory)
    {
        await using var world = await BenchWorld.CreateAsync(server, shotsPerStory, new FakeVeoOperationPlan { Latency = Latency });
        Guid[] stories = [world.StoryId, await world.AddStoryAsync(shotsPerStory)];
        var workers = Enumerable.Range(0, 4)
            .Select(i => TestWorkerProcess.Start(
                world.WorkerOptions() with
                {
                    StoryId = stories[i % 2],
                    WorkerId = $"quota-worker-{i + 1}",
                    Throttle = shotsPerStory,
                    StartsPerMinute = StartsPerMinute,
                    WaitForGo = true,
                },
                world.Veo.Options.ApiKey))
            .ToList();
        // The quota counts from the first start request; set once every worker is connected and ready.
        var wall = await WorkerFleet.RunAsync(workers, () => world.Veo.Quota = new FakeVeoQuota(PerWindow, Window));
        var quota = world.Veo.Quota!;

        int shots = 2 * shotsPerStory;
        int recorded = 0;
        foreach (var story in stories)
        {
            recorded += (await world.Database.Shots.ListShotsAsync(story, null, null, CancellationToken.None)).Count(s => s.VideoFilePath is not null);
        }

        int duplicates = world.Veo.Operations.Count - shots;
        return
        [
            Row($"4 processes, 2 stories, {shots} shots, throttle {shotsPerStory} each", shots, wall, quota, duplicates, $"{recorded}/{shots} recorded", 1.15),
            new BenchRow("quota", "duplicate start requests (4 processes)", duplicates.ToString(CultureInfo.InvariantCulture), "0", duplicates == 0,
                $"{world.Veo.Operations.Count} operations for {shots} shots"),
        ];
    }

    private static BenchRow Row(string what, int shots, TimeSpan wall, FakeVeoQuota quota, int duplicates, string recorded, double target)
    {
        // The quota admits PerWindow starts per window from the first: the last shot starts in window ceil(shots/PerWindow).
        var ideal = (Window * (Math.Ceiling(shots / (double)PerWindow) - 1)) + Latency;
        double refused = quota.Decisions.Count == 0 ? 0 : quota.Refused / (double)quota.Decisions.Count;
        bool met = wall <= ideal * target && refused <= 0.10 && duplicates == 0;
        return new BenchRow(
            "quota",
            $"{what}; quota {PerWindow}/{Window.TotalSeconds:0} s, latency {Figures.Seconds(Latency)}",
            $"{Figures.Seconds(wall)}, {quota.Refused}/{quota.Decisions.Count} refused",
            $"<= {target:0.00} x {Figures.Seconds(ideal)}, <= 10% refused",
            met,
            $"{wall / ideal:0.000} x ideal; {refused:P1} of start requests refused; {recorded}");
    }
}
