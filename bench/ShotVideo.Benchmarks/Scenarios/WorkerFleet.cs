using System.Diagnostics;
using ShotVideo.Testing.Workers;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>Worker processes released at one moment, as the multi-process scenarios run them.</summary>
internal static class WorkerFleet
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Waits until every worker (started with <c>WaitForGo</c>) is ready, runs <paramref name="beforeGo"/>, releases them
    /// together and returns the time from then to the last exit. Disposes the workers; throws with their transcripts
    /// when one fails.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(IReadOnlyList<TestWorkerProcess> workers, Action? beforeGo = null)
    {
        try
        {
            await Task.WhenAll(workers.Select(w => w.ReadyAsync(Patience)));
            beforeGo?.Invoke();
            var watch = Stopwatch.StartNew();
            foreach (var worker in workers)
            {
                worker.Go();
            }

            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(Patience)));
            var wall = watch.Elapsed;
            if (exitCodes.Any(code => code != 0))
            {
                throw new InvalidOperationException("A worker failed:" + Environment.NewLine + string.Join(Environment.NewLine, workers.Select(w => w.Transcript)));
            }

            return wall;
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}
