namespace ShotVideo.Benchmarks;

/// <summary>One line of the results table: what was measured, against what, and whether the target holds.</summary>
internal sealed record BenchRow(string Scenario, string Case, string Measured, string Reference, bool? Met, string Note = "");
