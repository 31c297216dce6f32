using System.Globalization;
using ShotVideo.Generation;

namespace ShotVideo.TestWorker;

/// <summary>
/// The worker's output lines for results: <c>shot scenelet#index Status resumed=… op=… path=… reason=…</c> (the reason
/// last, as it holds spaces) and <c>summary total=… generated=… …</c>.
/// </summary>
internal static class ResultLine
{
    public static string Format(ShotVideoResult result) =>
        $"shot {result.SceneletId}#{result.ShotIndex} {result.Status} resumed={result.Resumed} op={result.OperationName ?? "-"} "
        + $"path={result.VideoFilePath ?? "-"} elapsed-ms={(long)result.Elapsed.TotalMilliseconds} reason={OneLine(result.Reason)}";

    public static string Summary(ShotVideoRunResult run, TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"summary total={run.Total} generated={run.Generated} resumed={run.Shots.Count(s => s.Resumed)} skipped={run.Skipped} "
        + $"claimed={run.Claimed} filtered={run.Filtered} failed={run.Failed} refused={run.Refused} not-started={run.NotStarted} "
        + $"stopped-by={run.StoppedBy?.ErrorId ?? "-"} elapsed-ms={(long)elapsed.TotalMilliseconds}");

    private static string OneLine(string? text) => string.IsNullOrEmpty(text) ? "-" : text.ReplaceLineEndings(" ");
}
