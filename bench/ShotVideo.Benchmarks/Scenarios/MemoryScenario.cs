using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>
/// Issue 3: peak memory while generating few or many, small or large clips at a fixed throttle. Clips are streamed
/// from the socket to the file through one buffer per download, so the peak should not follow clip count or size.
/// </summary>
internal static class MemoryScenario
{
    // Well below one large clip: a clip held whole anywhere would show as at least one clip size.
    private const long GrowthLimit = 4L << 20;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(PostgresServer server, BenchSettings settings)
    {
        var rows = new List<BenchRow>();
        var peaks = new Dictionary<(int Count, long Bytes), long>();
        foreach (var count in settings.MemoryClipCounts)
        {
            foreach (var bytes in settings.MemoryClipBytes)
            {
                await using var world = await BenchWorld.CreateAsync(server, count, new FakeVeoOperationPlan());
                world.Veo.DefaultClip = FakeVeoClip.Padded(bytes);
                var baseline = GC.GetTotalMemory(forceFullCollection: true);
                var baselineAfterCollection = GC.GetGCMemoryInfo().HeapSizeBytes;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                long peakManaged;
                long peakRetained;
                long peakWorkingSet;
                using (var sampler = new MemorySampler(TimeSpan.FromMilliseconds(5)))
                {
                    var (run, _) = await world.RunAsync(BenchSettings.MemoryThrottle);
                    Figures.RequireAllGenerated(run, count);
                    peakManaged = sampler.PeakManagedBytes - baseline;
                    peakRetained = sampler.PeakAfterCollectionBytes - baselineAfterCollection;
                    peakWorkingSet = sampler.PeakWorkingSetBytes;
                }

                var allocatedPerClip = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count;
                peaks[(count, bytes)] = peakRetained;
                rows.Add(new BenchRow(
                    "memory",
                    $"{count} clips x {Figures.Megabytes(bytes)}, throttle {BenchSettings.MemoryThrottle}",
                    $"peak managed +{Figures.Megabytes(peakManaged)}",
                    "-",
                    null,
                    $"retained after GC +{Figures.Megabytes(peakRetained)}; allocated {Figures.Megabytes(allocatedPerClip)}/clip; "
                    + $"peak working set {Figures.Megabytes(peakWorkingSet)} (fake service in-process)"));
            }
        }

        var (fewest, most) = (settings.MemoryClipCounts.Min(), settings.MemoryClipCounts.Max());
        var (smallest, largest) = (settings.MemoryClipBytes.Min(), settings.MemoryClipBytes.Max());
        var bySize = peaks[(most, largest)] - peaks[(most, smallest)];
        var byCount = peaks[(most, largest)] - peaks[(fewest, largest)];
        rows.Add(new BenchRow("memory", $"growth {Figures.Megabytes(smallest)} -> {Figures.Megabytes(largest)} clips ({most} clips)",
            Figures.Megabytes(bySize), $"< {Figures.Megabytes(GrowthLimit)}", bySize < GrowthLimit, "peak retained after GC, larger minus smaller"));
        rows.Add(new BenchRow("memory", $"growth {fewest} -> {most} clips ({Figures.Megabytes(largest)} each)",
            Figures.Megabytes(byCount), $"< {Figures.Megabytes(GrowthLimit)}", byCount < GrowthLimit, "peak retained after GC, more minus fewer"));
        return rows;
    }
}
