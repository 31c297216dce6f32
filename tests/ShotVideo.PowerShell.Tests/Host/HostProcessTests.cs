using System.Diagnostics;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.PowerShell.Tests.Host;

/// <summary>The built shotvideo host, run as a child process the way cron or a container runs it.</summary>
public sealed class HostProcessTests(SampleStoryDatabase sample) : IClassFixture<SampleStoryDatabase>
{
    [Fact]
    public void Output_goes_to_stdout_and_a_clean_run_exits_0()
    {
        var run = Shotvideo("-Command", "Get-Command -Module ShotVideo | Sort-Object Name | ForEach-Object Name; 1..5 | Select-Object -Last 1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([.. Module.ModuleTests.IntendedCommands, "5"], run.StdoutLines);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void A_written_error_goes_to_stderr_and_makes_the_exit_code_1()
    {
        var run = Shotvideo("-Command", "Write-Error 'the sky fell'; 'still ran'");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["still ran"], run.StdoutLines);
        Assert.Contains("the sky fell", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminating_error_exits_1()
    {
        var run = Shotvideo("-Command", "throw 'no way'; 'never'");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StdoutLines);
        Assert.Contains("no way", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_sets_the_exit_code()
    {
        Assert.Equal(7, Shotvideo("-Command", "exit 7").ExitCode);
    }

    [Fact]
    public void Warnings_verbose_and_progress_are_prefixed_lines_on_stderr()
    {
        var run = Shotvideo("-Command", "Write-Warning 'careful'; Write-Verbose 'details' -Verbose; Write-Progress -Activity Rendering -Status 'shot 1 of 2' -PercentComplete 50; 'done'");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["done"], run.StdoutLines);
        Assert.Contains("WARNING: careful", run.StderrLines);
        Assert.Contains("VERBOSE: details", run.StderrLines);
        Assert.Contains("PROGRESS: Rendering: shot 1 of 2 (50%)", run.StderrLines);
    }

    [Fact]
    public void WhatIf_lines_are_printed_and_nothing_is_done()
    {
        var target = Path.Combine(Path.GetTempPath(), $"shotvideo-whatif-{Guid.NewGuid():N}.txt");
        var run = Shotvideo("-Command", $"New-Item -ItemType File -Path '{target}' -WhatIf");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"What if: Performing the operation \"Create File\" on target \"Destination: {target}\"."], run.StdoutLines);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void File_runs_a_script_with_named_switch_and_positional_arguments_taken_literally_and_its_exit_code()
    {
        var script = Path.Combine(Path.GetTempPath(), $"shotvideo-script-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, """
            param([string]$Name, [int]$Count = 1, [switch]$Loud, [Parameter(ValueFromRemainingArguments)]$Rest)
            "Name=$Name Count=$Count Loud=$Loud Rest=$($Rest -join ',')"
            exit $Count
            """);
        try
        {
            var run = Shotvideo("-File", script, "-Name", "it's $(1+1)", "-Loud", "extra", "-Count:3");

            Assert.Equal(3, run.ExitCode);
            Assert.Equal(["Name=it's $(1+1) Count=3 Loud=True Rest=extra"], run.StdoutLines);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory]
    [InlineData("-Bogus")]
    [InlineData("-Command")]
    public void Unusable_arguments_print_usage_and_exit_64(string argument)
    {
        var run = Shotvideo(argument);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("Usage: shotvideo", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_script_exits_1()
    {
        var run = Shotvideo("-File", "/no/such/script.ps1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/no/such/script.ps1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_renders_through_the_module_s_table_view()
    {
        var run = Shotvideo("-Command", $"Get-ShotCoverage -Database '{sample.ConnectionString}'");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.StdoutLines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^Id\s+Shots\s+KeyFrame\s+Video\s+Missing\s+Done\s+Story$"));
        Assert.Contains(run.StdoutLines, line => line.StartsWith(sample.StoryId.ToString()[..8], StringComparison.Ordinal) && line.Contains("14.3%", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_and_Npgsql_load_into_the_module_s_private_load_context()
    {
        // Outside the test process (whose own references include Core), as in pwsh: Core is only reachable from deps/.
        var run = Shotvideo("-Command", """
            try { Get-Shot -StoryId ([guid]::NewGuid()) -Database 'Host=127.0.0.1;Port=1;Timeout=2' } catch { }
            [AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { $_.GetName().Name -in 'ShotVideo.PowerShell', 'ShotVideo.Core', 'Npgsql' } |
                ForEach-Object { '{0}={1}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } |
                Sort-Object
            """);

        Assert.Equal(["Npgsql=ShotVideo", "ShotVideo.Core=ShotVideo", "ShotVideo.PowerShell=Default"], run.StdoutLines);
    }

    [Fact]
    public async Task The_stub_run_writes_clips_records_them_and_a_second_run_has_nothing_left()
    {
        // The demo's pipeline in a process of its own, where Core, its stub clip and Npgsql come from deps/.
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var publicRoot = Directory.CreateTempSubdirectory("shotvideo-host-public-").FullName;
        try
        {
            var script = $"""
                $story = Import-StoryFolder -Path '{Path.Combine(BuildOutputs.RepositoryRoot, "fixtures", "stories", "lantern-keepers")}' -PublicRoot '{publicRoot}' -Database '{database}'
                Get-Shot -StoryId $story.StoryId -MissingVideo -Database '{database}' |
                    Invoke-ShotVideo -Stub -Confirm:$false -PublicRoot '{publicRoot}' -Database '{database}' |
                    Where-Object Status -eq Generated | ForEach-Object VideoFilePath
                """;

            var first = Shotvideo("-Command", script);
            var second = Shotvideo("-Command", script);

            Assert.Equal(0, first.ExitCode);
            var clips = first.StdoutLines.Where(line => line.StartsWith("generated/", StringComparison.Ordinal)).ToList();
            Assert.Equal(7, clips.Count);
            Assert.All(clips, clip => Assert.True(new FileInfo(Path.Combine(publicRoot, clip)).Length > 0, clip));
            Assert.Contains(first.StdoutLines, line => line.StartsWith("The Lantern Keepers: 7 generated", StringComparison.Ordinal));
            Assert.Contains(first.StderrLines, line => line.StartsWith("PROGRESS: ", StringComparison.Ordinal) && line.Contains("7/7 done", StringComparison.Ordinal));
            // A line per change of a shot's state (starting, waiting for Veo, completed), not one per record.
            var shotLines = first.StderrLines.Where(line => line.StartsWith("PROGRESS: scenelet-", StringComparison.Ordinal)).ToList();
            Assert.Equal(7 * 3, shotLines.Count);
            Assert.Equal(0, second.ExitCode);
            Assert.DoesNotContain(second.StdoutLines, line => line.StartsWith("generated/", StringComparison.Ordinal));
            Assert.Contains(Shotvideo("-Command", $"Get-ShotCoverage -Database '{database}'").StdoutLines, line => line.Contains("100.0%", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(publicRoot, recursive: true);
        }
    }

    private static HostRun Shotvideo(params string[] arguments)
    {
        using var host = HostProcess.Start(arguments);
        return host.WaitForExit();
    }
}
