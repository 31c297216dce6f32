using System.Diagnostics;
using System.Text.RegularExpressions;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.PowerShell.Tests.Pester;

/// <summary>
/// Runs the Pester suites (tests/*.Tests.ps1) under the real pwsh 7.6 (the repository's local dotnet tool) against a
/// fresh database on the run's private server, so the suites written for machines with pwsh are proven here too.
/// </summary>
public sealed partial class PesterSuiteTests
{
    [Fact]
    public async Task Every_Pester_suite_passes_under_pwsh_with_nothing_skipped()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var script = $$"""
            Import-Module '{{BuildOutputs.PesterManifest}}'
            $configuration = New-PesterConfiguration
            $configuration.Run.Path = '{{Path.Combine(BuildOutputs.RepositoryRoot, "tests")}}'
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'Detailed'
            $result = Invoke-Pester -Configuration $configuration
            "PESTER passed=$($result.PassedCount) failed=$($result.FailedCount) skipped=$($result.SkippedCount) notrun=$($result.NotRunCount)"
            """;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = BuildOutputs.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SHOTVIDEO_TEST_DATABASE_URL"] = database;
        using var pwsh = Process.Start(start)!;
        var output = pwsh.StandardOutput.ReadToEndAsync();
        var errors = pwsh.StandardError.ReadToEndAsync();
        await pwsh.WaitForExitAsync();

        var summary = Summary().Match(await output);
        Assert.True(summary.Success, $"Pester printed no summary.{Environment.NewLine}{await output}{Environment.NewLine}{await errors}");
        Assert.True(int.Parse(summary.Groups["failed"].Value) == 0, await output);
        Assert.Equal("0", summary.Groups["skipped"].Value);
        Assert.Equal("0", summary.Groups["notrun"].Value);
        Assert.True(int.Parse(summary.Groups["passed"].Value) > 20, summary.Value);
    }

    [GeneratedRegex(@"PESTER passed=(?<passed>\d+) failed=(?<failed>\d+) skipped=(?<skipped>\d+) notrun=(?<notrun>\d+)")]
    private static partial Regex Summary();
}
