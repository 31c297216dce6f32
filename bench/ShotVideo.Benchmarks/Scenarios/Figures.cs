using System.Globalization;
using ShotVideo.Generation;

namespace ShotVideo.Benchmarks.Scenarios;

/// <summary>Number formatting and the sanity check every scenario applies to its run.</summary>
internal static class Figures
{
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    public static string Milliseconds(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + " ms";

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    public static string Percent(double ratio) => (ratio >= 0 ? "+" : "") + ratio.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>A figure from a run that did not generate every shot would be meaningless: stop with the reason.</summary>
    public static void RequireAllGenerated(ShotVideoRunResult run, int shots)
    {
        if (run.Generated != shots)
        {
            var failure = run.Shots.FirstOrDefault(s => s.Error is not null)?.Error?.Message ?? "no error reported";
            throw new InvalidOperationException($"Only {run.Generated} of {shots} shots were generated ({failure}).");
        }
    }
}
