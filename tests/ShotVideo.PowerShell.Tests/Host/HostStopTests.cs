using System.Diagnostics;
using ShotVideo.Ledger;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Testing.FakeVeo;

namespace ShotVideo.PowerShell.Tests.Host;

/// <summary>
/// The shotvideo host as scheduled automation meets it: Ctrl+C (SIGINT), kill -9 and other runs holding shots, against
/// the fake Veo service over HTTP. The facts are start requests per shot, ledger rows, files on disk and exit codes.
/// </summary>
public sealed class HostStopTests : IAsyncLifetime
{
    private static readonly TimeSpan SlowClip = TimeSpan.FromSeconds(4);
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public async Task Ctrl_C_mid_poll_releases_claims_keeps_nothing_partial_exits_130_and_a_rerun_finishes_with_no_new_start()
    {
        _workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = SlowClip };
        using var first = Host(Invoke());
        await WaitForAsync(() => _workspace.Veo.Operations.Count == VeoWorkspace.SampleShots, "every shot started");

        first.Signal("INT");
        var stopped = first.WaitForExit();

        Assert.Equal(130, stopped.ExitCode);
        Assert.Contains(stopped.StderrLines, line => line.Contains($"Resume with: Invoke-ShotVideo -StoryId {_workspace.StoryId} -Mode Resume", StringComparison.Ordinal));
        Assert.Empty(_workspace.ShotFiles());
        var jobs = await _workspace.JobsAsync();
        Assert.Equal(VeoWorkspace.SampleShots, jobs.Count);
        Assert.All(jobs, job => Assert.Equal((ShotVideoJobState.Started, (string?)null), (job.State, job.ClaimedBy)));

        var rerun = Host(Invoke("-Mode Resume")).WaitForExit();

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(VeoWorkspace.SampleShots, _workspace.Veo.Requests.StartCount);
        Assert.All(await _workspace.ShotsAsync(), shot => Assert.NotNull(shot.VideoFilePath));
    }

    [Fact]
    public async Task Kill_9_mid_poll_then_an_immediate_rerun_on_the_same_machine_resumes_every_operation()
    {
        _workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = SlowClip };
        using var first = Host(Invoke());
        await WaitForAsync(() => _workspace.Veo.Operations.Count == VeoWorkspace.SampleShots, "every shot started");
        await WaitForAsync(async () => (await _workspace.JobsAsync()).All(job => job.OperationName is not null), "every operation recorded");

        first.Signal("KILL");
        first.WaitForExit();
        var rerun = Host(Invoke("-Mode Resume")).WaitForExit();

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(VeoWorkspace.SampleShots, _workspace.Veo.Requests.StartCount);
        Assert.All(await _workspace.ShotsAsync(), shot => Assert.NotNull(shot.VideoFilePath));
        Assert.DoesNotContain(_workspace.ShotFiles(), file => file.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shots_left_to_a_live_run_exit_2_and_with_Wait_the_run_reports_how_they_ended()
    {
        // Long enough for two more hosts to start, plan and (the second) begin to wait while the owner's clips render.
        _workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(20) };
        using var owner = Host(Invoke());
        await WaitForAsync(async () => (await _workspace.JobsAsync()).Count(job => job.OperationName is not null) == VeoWorkspace.SampleShots, "every operation recorded");

        var leftAlone = Host(Invoke("-Mode Resume") + " | ForEach-Object { \"$($_.ShotIndex) $($_.Status)\" }").WaitForExit();
        var waited = Host(Invoke("-Mode Resume -Wait -Verbose") + " | ForEach-Object { \"$($_.ShotIndex) $($_.Status)\" }").WaitForExit();
        var ownerRun = owner.WaitForExit();

        Assert.Equal(2, leftAlone.ExitCode);
        Assert.Equal(VeoWorkspace.SampleShots, leftAlone.StdoutLines.Count(line => line.EndsWith(" Claimed", StringComparison.Ordinal)));
        Assert.Equal(0, waited.ExitCode);
        Assert.Contains(waited.StderrLines, line => line.StartsWith("VERBOSE: ", StringComparison.Ordinal) && line.Contains("waiting for other runs", StringComparison.Ordinal));
        Assert.Equal(VeoWorkspace.SampleShots, waited.StdoutLines.Count(line => line.EndsWith(" Skipped", StringComparison.Ordinal)));
        Assert.Equal(0, ownerRun.ExitCode);
        Assert.Equal(VeoWorkspace.SampleShots, _workspace.Veo.Requests.StartCount);
    }

    private string Invoke(string extra = "") =>
        $"Invoke-ShotVideo -StoryId {_workspace.StoryId} -Database '{_workspace.ConnectionString}' -PublicRoot '{_workspace.PublicRoot}' "
        + $"-Backend GeminiApi -PollInterval 00:00:00.2 -StartsPerMinute 60000 -Confirm:$false {extra}";

    /// <summary>shotvideo -Command with the Gemini API pointed at the fake service.</summary>
    private HostProcess Host(string command) => HostProcess.Start(
        ["-Command", command],
        new Dictionary<string, string?>
        {
            ["SHOTVIDEO_GEMINI_BASE_URL"] = _workspace.Veo.GeminiBaseUrl.AbsoluteUri,
            ["GEMINI_API_KEY"] = _workspace.Veo.Options.ApiKey,
            ["GOOGLE_CLOUD_PROJECT"] = null,
        });

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(50);
        }
    }
}
