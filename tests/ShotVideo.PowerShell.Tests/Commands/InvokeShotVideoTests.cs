using System.Management.Automation;
using ShotVideo.Ledger;
using ShotVideo.Veo;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Invoke-ShotVideo against the fake Veo service over HTTP and real PostgreSQL: runs, modes and targeting.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class InvokeShotVideoTests : IAsyncLifetime
{
    /// <summary>Splatted into Invoke-ShotVideo: the workspace's database and public folder, the fake's key, fast polls.</summary>
    internal const string Veo = """
        $veo = @{ Database = $Database; PublicRoot = $PublicRoot; Backend = 'GeminiApi'; ApiKey = $ApiKey; PollInterval = [timespan]::FromMilliseconds(10); StartsPerMinute = 60000 }

        """;

    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public async Task Missing_shots_piped_in_are_generated_stored_and_recorded()
    {
        var result = _workspace.Run(Veo + "Get-Shot -StoryId $StoryId -MissingVideo -Database $Database | Invoke-ShotVideo @veo -Confirm:$false").AssertNoErrors();

        var shots = result.OutputOf<ShotVideoResult>();
        Assert.Equal(VeoWorkspace.SampleShots, shots.Count);
        Assert.All(shots, shot => Assert.Equal(ShotVideoStatus.Generated, shot.Status));
        // One result per shot on the output stream; the summary on the information stream, shown like Write-Host.
        Assert.Equal(VeoWorkspace.SampleShots, result.Output.Count);
        var summary = Summary(result);
        Assert.Equal((VeoWorkspace.SampleShots, VeoWorkspace.SampleShots, 0), (summary.Total, summary.Generated, summary.Failed));
        Assert.Equal(VeoWorkspace.SampleShots * 3.20m, summary.SpentUsd);
        Assert.Contains(result.HostOutput, line => line.StartsWith("The Lantern Keepers: 7 generated, 0 skipped", StringComparison.Ordinal));
        Assert.Equal(VeoWorkspace.SampleShots, _workspace.Veo.Requests.StartCount);

        var recorded = await _workspace.ShotsAsync();
        Assert.All(recorded, shot => Assert.Equal(_workspace.ClipPath(shot.SceneletId, shot.ShotIndex), shot.VideoFilePath));
        Assert.Equal(recorded.Select(shot => shot.VideoFilePath!).Order(), _workspace.ShotFiles());
        Assert.All(await _workspace.JobsAsync(), job => Assert.Equal((ShotVideoJobState.Succeeded, VideoBackend.GeminiApi), (job.State, job.Backend)));
    }

    [Fact]
    public void A_second_run_in_Resume_mode_skips_every_shot_and_spends_nothing()
    {
        _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Confirm:$false").AssertNoErrors();
        var starts = _workspace.Veo.Requests.StartCount;

        var again = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Mode Resume -Confirm:$false").AssertNoErrors();
        var missing = _workspace.Run("Get-Shot -StoryId $StoryId -MissingVideo -Database $Database").AssertNoErrors();

        Assert.All(again.OutputOf<ShotVideoResult>(), shot => Assert.Equal(ShotVideoStatus.Skipped, shot.Status));
        Assert.Equal(VeoWorkspace.SampleShots, Summary(again).Skipped);
        Assert.Equal(starts, _workspace.Veo.Requests.StartCount);
        Assert.Empty(missing.Output);
    }

    [Fact]
    public async Task Default_mode_refuses_when_a_targeted_shot_has_a_clip_before_spending_anything()
    {
        await _workspace.RecordClipAsync("scenelet-2", 2, "generated/old.mp4");

        var result = _workspace.Run(Veo + InvokeShotVideoFailureTests.Terminating("Invoke-ShotVideo @veo -StoryId $StoryId -Confirm:$false"));

        var error = InvokeShotVideoFailureTests.Caught(result);
        Assert.Equal("ShotVideoClipsExist,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(_workspace.StoryId, error.TargetObject);
        Assert.Contains("-Mode Resume", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(_workspace.Veo.Requests.All);
        Assert.Empty(_workspace.ShotFiles());
    }

    [Fact]
    public async Task Resume_mode_skips_shots_with_clips_and_generates_the_rest()
    {
        await _workspace.RecordClipAsync("scenelet-2", 2, "generated/old.mp4");

        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Mode Resume -Confirm:$false").AssertNoErrors();

        var skipped = Assert.Single(result.OutputOf<ShotVideoResult>(), shot => shot.Status == ShotVideoStatus.Skipped);
        Assert.Equal(("scenelet-2", 2, "generated/old.mp4"), (skipped.SceneletId, skipped.ShotIndex, skipped.VideoFilePath));
        Assert.Equal(VeoWorkspace.SampleShots - 1, result.OutputOf<ShotVideoResult>().Count(shot => shot.Status == ShotVideoStatus.Generated));
        Assert.Equal(VeoWorkspace.SampleShots - 1, _workspace.Veo.Requests.StartCount);
        Assert.Equal("generated/old.mp4", (await _workspace.ShotsAsync()).Single(shot => shot is { SceneletId: "scenelet-2", ShotIndex: 2 }).VideoFilePath);
    }

    [Fact]
    public async Task Override_mode_regenerates_a_shot_that_has_a_clip()
    {
        await _workspace.RecordClipAsync("scenelet-2", 2, "generated/old.mp4");

        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 2 -Mode Override -Confirm:$false").AssertNoErrors();

        var shot = Assert.Single(result.OutputOf<ShotVideoResult>());
        Assert.Equal((ShotVideoStatus.Generated, _workspace.ClipPath("scenelet-2", 2)), (shot.Status, shot.VideoFilePath));
        Assert.Equal(1, _workspace.Veo.Requests.StartCount);
        Assert.Equal(_workspace.ClipPath("scenelet-2", 2), (await _workspace.ShotsAsync()).Single(s => s is { SceneletId: "scenelet-2", ShotIndex: 2 }).VideoFilePath);
    }

    [Theory]
    [InlineData("-SceneletId scenelet-3", "scenelet-3#1 scenelet-3#2")]
    [InlineData("-ShotIndex 2", "scenelet-1#2 scenelet-2#2 scenelet-3#2")]
    [InlineData("scenelet-1 3", "scenelet-1#3")]
    public void Parameters_target_a_scenelet_a_shot_index_or_one_shot(string targeting, string expected)
    {
        var result = _workspace.Run(Veo + $"Invoke-ShotVideo @veo $StoryId {targeting} -Confirm:$false").AssertNoErrors();

        Assert.Equal(expected, string.Join(' ', result.OutputOf<ShotVideoResult>().Select(Key).Order()));
        Assert.Equal(expected.Split(' ').Length, _workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public void Piped_shots_target_exactly_those_shots()
    {
        var result = _workspace.Run(
            Veo + "Get-Shot -StoryId $StoryId -Database $Database | Where-Object { $_.ShotIndex -eq 2 -or $_.SceneletId -eq 'scenelet-3' } | Invoke-ShotVideo @veo -Confirm:$false")
            .AssertNoErrors();

        Assert.Equal(["scenelet-1#2", "scenelet-2#2", "scenelet-3#1", "scenelet-3#2"], result.OutputOf<ShotVideoResult>().Select(Key).Order());
        Assert.Equal(4, _workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public void Piped_story_objects_target_whole_stories()
    {
        var result = _workspace.Run(Veo + "Get-ShotCoverage -Database $Database | Invoke-ShotVideo @veo -Confirm:$false").AssertNoErrors();

        Assert.Equal(VeoWorkspace.SampleShots, result.OutputOf<ShotVideoResult>().Count(shot => shot.Status == ShotVideoStatus.Generated));
    }

    [Fact]
    public void Confirm_asks_per_shot_and_generates_only_the_approved_ones()
    {
        // No -Confirm:$false: ConfirmImpact High meets the default $ConfirmPreference, so the host is asked per shot.
        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-3", input: "y\nn\n").AssertNoErrors();

        Assert.Equal(["scenelet-3#1"], result.OutputOf<ShotVideoResult>().Where(shot => shot.Status == ShotVideoStatus.Generated).Select(Key));
        Assert.Equal(1, _workspace.Veo.Requests.StartCount);
        Assert.Contains(result.HostOutput, line => line.Contains("scenelet-3 shot 2 of story", StringComparison.Ordinal));
        Assert.Equal(ShotVideoStatus.NotStarted, Summary(result).Shots[1].Status);
    }

    [Fact]
    public void Declining_every_shot_spends_nothing_and_is_not_an_error()
    {
        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId", input: "l\n").AssertNoErrors();

        // Nothing planned is dropped: each declined shot is reported as not started, with why.
        Assert.All(result.OutputOf<ShotVideoResult>(), shot => Assert.Equal(ShotVideoStatus.NotStarted, shot.Status));
        Assert.Equal(VeoWorkspace.SampleShots, Summary(result).NotStarted);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void MaxCostUsd_approves_shots_in_plan_order_while_they_fit_and_reports_the_rest()
    {
        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -MaxCostUsd 7 -Confirm:$false").AssertNoErrors();

        // Results stream as shots finish; in plan order, the third did not fit.
        var shots = result.OutputOf<ShotVideoResult>().OrderBy(shot => shot.ShotIndex).ToList();
        Assert.Equal([ShotVideoStatus.Generated, ShotVideoStatus.Generated, ShotVideoStatus.NotStarted], shots.Select(shot => shot.Status));
        Assert.Contains("budget of $7.00", shots[2].Reason, StringComparison.Ordinal);
        Assert.Equal(2, _workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public void The_backend_comes_from_GEMINI_API_KEY_when_none_is_named()
    {
        var result = _workspace.Run(
            "$env:GEMINI_API_KEY = $Key; Invoke-ShotVideo -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot -PollInterval 00:00:00.010 -Confirm:$false -Verbose",
            extra: ("Key", _workspace.Veo.Options.ApiKey)).AssertNoErrors();

        Assert.Equal(ShotVideoStatus.Generated, Assert.Single(result.OutputOf<ShotVideoResult>()).Status);
        Assert.Contains("Backend GeminiApi, model veo-3.1-generate-preview.", result.Verbose);
        Assert.Equal(1, _workspace.Veo.Requests.StartCount);
    }

    [Fact]
    public void An_empty_pipeline_does_nothing_even_without_a_backend()
    {
        var result = _workspace.Run("Get-Shot -StoryId $StoryId -MissingImage -SceneletId scenelet-1 -ShotIndex 1 -Database $Database | Invoke-ShotVideo -Database $Database -PublicRoot $PublicRoot")
            .AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void Stub_writes_placeholder_clips_without_calling_Veo()
    {
        var result = _workspace.Run("Invoke-ShotVideo -StoryId $StoryId -SceneletId scenelet-1 -Stub -Database $Database -PublicRoot $PublicRoot -Confirm:$false").AssertNoErrors();

        Assert.All(result.OutputOf<ShotVideoResult>(), shot => Assert.Equal((ShotVideoStatus.Generated, 0m), (shot.Status, shot.CostUsd)));
        Assert.Equal(3, _workspace.ShotFiles().Count);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void Progress_shows_the_activity_and_done_over_total_then_completes()
    {
        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-3 -Confirm:$false").AssertNoErrors();

        var run = result.Progress.Where(record => record.ActivityId == 1).ToList();
        Assert.All(run, record => Assert.Equal("Videos for The Lantern Keepers", record.Activity));
        // Both shots may start before the first report: 0, 1 or 2 in flight.
        Assert.Contains(run, record => System.Text.RegularExpressions.Regex.IsMatch(record.StatusDescription, @"^0/2 done, [012] running, \$0\.00 spent$"));
        Assert.Contains(run, record => record.StatusDescription == "2/2 done, 0 running, $6.40 spent" && record.PercentComplete == 100);
        Assert.Equal(ProgressRecordType.Completed, run[^1].RecordType);
        // A child record per shot in flight, with its state, completed when the shot is done.
        var shot = result.Progress.Where(record => record.ParentActivityId == 1 && record.Activity == "scenelet-3 shot 1").ToList();
        Assert.Contains(shot, record => record.StatusDescription.StartsWith("Waiting for Veo", StringComparison.Ordinal));
        Assert.Equal((ProgressRecordType.Completed, "Generated"), (shot[^1].RecordType, shot[^1].StatusDescription));
    }

    [Fact]
    public void ThrottleLimit_caps_the_shots_in_flight()
    {
        _workspace.Veo.Script.DefaultPlan = new Testing.FakeVeo.FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(150) };

        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -ThrottleLimit 2 -Confirm:$false").AssertNoErrors();

        var inFlight = result.Progress
            .Select(record => System.Text.RegularExpressions.Regex.Match(record.StatusDescription, @", (\d+) running"))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(2, inFlight.Max());
        Assert.Equal(VeoWorkspace.SampleShots, result.OutputOf<ShotVideoResult>().Count(shot => shot.Status == ShotVideoStatus.Generated));
    }

    [Fact]
    public void Results_show_as_a_table_and_the_PassThru_summary_as_a_list_with_counts_and_spend()
    {
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "characters", "old-wick", "character-model-sheet-1.png"));

        var text = string.Join('\n', _workspace.Run(
            Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -ThrottleLimit 1 -Confirm:$false -PassThru -ErrorAction SilentlyContinue | Out-String -Width 250")
            .OutputOf<string>());

        Assert.Matches(@"SceneletId\s+Shot\s+Status\s+Clip\s+Elapsed\s+Cost\s+Reason", text);
        Assert.Matches(@"scenelet-1\s+1\s+Generated\s+scenelet-1/shot-1\.mp4\s+\d+\.\ds\s+\$3\.20", text);
        Assert.Matches(@"scenelet-1\s+3\s+Refused\s+\d+\.\ds\s+\$0\.00\s+The model sheet of character 'old-wick'", text);
        Assert.Matches(@"Generated\s+: 2\n", text.Replace("\r", string.Empty));
        Assert.Matches(@"Refused\s+: 1\n", text.Replace("\r", string.Empty));
        Assert.Matches(@"Spent\s+: \$6\.40", text);
        Assert.DoesNotContain("PromptText", text, StringComparison.Ordinal);
        Assert.DoesNotContain("StoppedBy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_lines_name_references_the_operation_polls_and_the_stored_path()
    {
        _workspace.Veo.Script.DefaultPlan = new Testing.FakeVeo.FakeVeoOperationPlan { PollsUntilDone = 2 };

        var result = _workspace.Run(Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 2 -Confirm:$false -Verbose").AssertNoErrors();

        var verbose = string.Join('\n', result.Verbose);
        var shot = new ShotKey(_workspace.StoryId, "scenelet-1", 2);
        Assert.Contains($"{shot}: reference Character mira.", verbose, StringComparison.Ordinal);
        Assert.Contains($"{shot}: reference Environment harbor-lighthouse.", verbose, StringComparison.Ordinal);
        Assert.Contains($"{shot}: reference KeyFrame scenelet-1#2 (not sent: Veo takes at most 3", verbose, StringComparison.Ordinal);
        Assert.Contains($"{shot}: operation started models/veo-3.1-generate-preview/operations/", verbose, StringComparison.Ordinal);
        Assert.Contains($"{shot}: poll 2 of models/veo-3.1-generate-preview/operations/", verbose, StringComparison.Ordinal);
        Assert.Contains($"{shot}: stored {_workspace.ClipPath("scenelet-1", 2)}.", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain(_workspace.Veo.Options.ApiKey, verbose, StringComparison.Ordinal);
    }

    private static string Key(ShotVideoResult shot) => $"{shot.SceneletId}#{shot.ShotIndex}";

    /// <summary>The run summary the command wrote to the information stream.</summary>
    internal static ShotVideoRunResult Summary(ScriptResult result) =>
        Assert.Single(result.Information.Select(record => record.MessageData).OfType<ShotVideoRunResult>());
}
