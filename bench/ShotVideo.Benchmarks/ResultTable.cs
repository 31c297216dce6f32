namespace ShotVideo.Benchmarks;

/// <summary>Prints the rows as one aligned plain-text table.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["scenario", "case", "measured", "ideal / target", "met", "note"];

    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter output)
    {
        var cells = rows.Select(r => new[] { r.Scenario, r.Case, r.Measured, r.Reference, r.Met switch { true => "yes", false => "NO", null => "-" }, r.Note }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> values) => string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(Headers));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row));
        }
    }
}
