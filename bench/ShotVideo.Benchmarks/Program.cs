using ShotVideo.Benchmarks;
using ShotVideo.Benchmarks.Scenarios;
using ShotVideo.Testing.Postgres;

// dotnet run --project bench/ShotVideo.Benchmarks -c Release -- [all|throttle|overhead|memory|workers|quota ...] [--quick]
var scenarios = new Dictionary<string, Func<PostgresServer, BenchSettings, Task<IReadOnlyList<BenchRow>>>>(StringComparer.OrdinalIgnoreCase)
{
    ["throttle"] = ThrottleScenario.RunAsync,
    ["overhead"] = OverheadScenario.RunAsync,
    ["memory"] = MemoryScenario.RunAsync,
    ["workers"] = WorkersScenario.RunAsync,
    ["quota"] = QuotaScenario.RunAsync,
};
var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
var chosen = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).DefaultIfEmpty("all")
    .SelectMany(a => a.Equals("all", StringComparison.OrdinalIgnoreCase) ? scenarios.Keys : (IEnumerable<string>)[a])
    .Distinct(StringComparer.OrdinalIgnoreCase)
    .ToList();
if (chosen.FirstOrDefault(name => !scenarios.ContainsKey(name)) is { } unknown)
{
    Console.Error.WriteLine($"Unknown scenario '{unknown}'. Choose from: all, {string.Join(", ", scenarios.Keys)}; add --quick for smaller sizes.");
    return 1;
}

var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
var rows = new List<BenchRow>();
await using (var server = await PostgresServer.StartOwnAsync())
{
    foreach (var name in chosen)
    {
        Console.Error.WriteLine($"running {name}...");
        rows.AddRange(await scenarios[name](server, settings));
    }
}

Console.WriteLine($"ShotVideo benchmark{(quick ? " (--quick)" : "")}: fake Veo service in-process on 127.0.0.1, private PostgreSQL 127.0.0.1 "
    + $"(fsync off, synchronous_commit on), {Environment.ProcessorCount} cores, poll interval {BenchSettings.PollInterval.TotalMilliseconds} ms, "
    + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC.");
ResultTable.Print(rows, Console.Out);
return rows.Any(r => r.Met == false) ? 2 : 0;
