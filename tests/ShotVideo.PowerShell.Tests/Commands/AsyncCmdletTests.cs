using System.Diagnostics;
using System.Management.Automation;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>The AsyncCmdlet base as shipped, through the probe cmdlet of <see cref="AsyncProbeAssembly"/>.</summary>
[Collection(nameof(AsyncProbeCollection))]
public sealed class AsyncCmdletTests(AsyncProbeAssembly probe)
{
    [Fact]
    public void Background_work_runs_throttled_and_everything_reaches_the_pipeline_with_the_summary_last()
    {
        var result = Run("1..6 | Test-AsyncProbe -Throttle 2 -DelayMilliseconds 100 -Verbose; [TestAsyncProbeCommand]::MostAtOnce").AssertNoErrors();

        var output = result.Output.Select(item => item.BaseObject).ToList();
        Assert.Equal([10, 20, 30, 40, 50, 60], output.Take(6).Cast<int>().Order());
        Assert.Equal("summary 6", output[6]);
        Assert.Equal(2, output[7]);
        Assert.Equal(6, result.Verbose.Count(line => line.StartsWith("working on ", StringComparison.Ordinal)));
        Assert.Equal(6, result.Progress.Count(record => record.Activity == "Probing"));
    }

    [Fact]
    public void WhatIf_answers_on_the_pipeline_thread_and_prints_a_line_per_item()
    {
        var result = Run("1..3 | Test-AsyncProbe -WhatIf; [TestAsyncProbeCommand]::Started").AssertNoErrors();

        Assert.Equal(["summary 0", 0], result.Output.Select(item => item.BaseObject));
        Assert.Equal(
            ["What if: Performing the operation \"Probe\" on target \"item 1\".", "What if: Performing the operation \"Probe\" on target \"item 2\".", "What if: Performing the operation \"Probe\" on target \"item 3\"."],
            result.WhatIf);
    }

    [Fact]
    public void A_failure_of_one_item_is_a_non_terminating_error_with_the_item_as_target()
    {
        var result = Run("1..4 | Test-AsyncProbe -FailOn 3");

        Assert.Null(result.Terminating);
        Assert.Equal([10, 20, 40], result.OutputOf<int>().Order());
        Assert.Equal("summary 3", Assert.Single(result.OutputOf<string>()));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoProbeFailed,TestAsyncProbeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.Equal(3, error.TargetObject);
    }

    [Fact]
    public void ErrorAction_Stop_ends_the_command_but_work_in_flight_finishes()
    {
        var result = Run("""
            try { 1..8 | Test-AsyncProbe -FailOn 1 -Throttle 3 -DelayMilliseconds 300 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            "{0}/{1}/{2}" -f [TestAsyncProbeCommand]::Started, [TestAsyncProbeCommand]::Finished, [TestAsyncProbeCommand]::Running
            """);

        var lines = result.OutputOf<string>();
        Assert.Contains("ShotVideoProbeFailed,TestAsyncProbeCommand", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("summary", StringComparison.Ordinal));
        var counts = lines[^1].Split('/').Select(int.Parse).ToArray();
        Assert.True(counts[0] < 8, $"{counts[0]} of 8 items were started after the stop");
        Assert.Equal(counts[0], counts[1]);
        Assert.Equal(0, counts[2]);
    }

    [Fact]
    public void A_failure_that_affects_every_shot_is_terminating_whatever_the_ErrorAction()
    {
        var result = Run("try { 1..3 | Test-AsyncProbe -FailOn 2 -EveryShot -ErrorAction SilentlyContinue; 'went on' } catch { $_ }");

        var error = Assert.Single(result.OutputOf<ErrorRecord>());
        Assert.Equal("ShotVideoProbeFailed,TestAsyncProbeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(2, error.TargetObject);
        Assert.DoesNotContain("went on", result.OutputOf<string>());
    }

    [Fact]
    public void A_downstream_Select_Object_First_stops_it_without_an_error()
    {
        var result = Run("1..6 | Test-AsyncProbe -Throttle 1 -DelayMilliseconds 10 | Select-Object -First 2").AssertNoErrors();

        Assert.Equal([10, 20], result.OutputOf<int>());
    }

    [Fact]
    public void Stopping_cancels_the_work_in_flight_promptly()
    {
        var clock = Stopwatch.StartNew();
        var result = Run(
            "1..4 | Test-AsyncProbe -Throttle 4 -DelayMilliseconds 60000",
            powerShell =>
            {
                SpinWait.SpinUntil(() => powerShell.Streams.Progress.Count >= 4, TimeSpan.FromSeconds(20));
                powerShell.Stop();
            });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {clock.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, result.State);
        Assert.Empty(result.OutputOf<int>());
        Assert.Equal("0/0", Run("'{0}/{1}' -f [TestAsyncProbeCommand]::Running, ([TestAsyncProbeCommand]::Started - [TestAsyncProbeCommand]::Finished)").OutputOf<string>().Single());
    }

    private ScriptResult Run(string script, Action<System.Management.Automation.PowerShell>? whileRunning = null) =>
        ScriptHarness.Run(
            "Import-Module $Probe; [TestAsyncProbeCommand]::Reset()\n" + script,
            new Dictionary<string, object?> { ["Probe"] = probe.Path },
            whileRunning);
}

/// <summary>The probe's counters are static: its tests run one at a time.</summary>
[CollectionDefinition(nameof(AsyncProbeCollection), DisableParallelization = true)]
public sealed class AsyncProbeCollection : ICollectionFixture<AsyncProbeAssembly>;
