using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Generation;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Testing.FakeVeo;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Invoke-ShotVideo's errors (ids, categories, targets, terminating or not), -ErrorAction Stop, and stopping mid-run.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class InvokeShotVideoFailureTests : IAsyncLifetime
{
    private const string CommandId = ",ShotVideo.PowerShell.Commands.InvokeShotVideoCommand";
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public async Task A_missing_reference_image_refuses_only_its_shots_with_non_terminating_errors_targeting_the_shot()
    {
        // glowmoth-grotto is scenelet-2's environment.
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "environments", "glowmoth-grotto", "keyframe_1.png"));

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -Confirm:$false; 'after'");

        Assert.Null(result.Terminating);
        Assert.Equal("after", result.Output[^1].BaseObject);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("ShotVideoReferenceImageMissing" + CommandId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            var shot = Assert.IsType<ShotKey>(error.TargetObject);
            Assert.Equal((_workspace.StoryId, "scenelet-2"), (shot.StoryId, shot.SceneletId));
            Assert.Contains("glowmoth-grotto", error.Exception.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
        });
        var summary = InvokeShotVideoTests.Summary(result);
        Assert.Equal((VeoWorkspace.SampleShots - 2, 2), (summary.Generated, summary.Refused));
        Assert.Equal(VeoWorkspace.SampleShots - 2, (await _workspace.ShotsAsync()).Count(shot => shot.VideoFilePath is not null));
    }

    [Fact]
    public void Rejected_credentials_end_the_command_and_never_show_the_key()
    {
        const string wrongKey = "wrong-key-5e1d0c";

        var result = _workspace.Run(
            InvokeShotVideoTests.Veo + "$veo.ApiKey = $Wrong; " + Terminating("Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -Confirm:$false"),
            extra: ("Wrong", VeoWorkspace.Secure(wrongKey)));

        var error = Caught(result);
        Assert.Equal("ShotVideoCredentialsRejected" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(_workspace.ShotFiles());
        var everything = string.Join('\n', result.HostOutput.Concat(result.HostError).Append(error.ToString()).Append(error.Exception.ToString()).Concat(result.Errors.Select(e => e.ToString())));
        Assert.DoesNotContain(wrongKey, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_that_hits_every_shot_ends_the_command_after_the_shots_in_flight_are_recorded()
    {
        // The first two start requests are served (their jobs take a while); the third finds the model gone.
        _workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(700) };
        _workspace.Veo.Script
            .Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Slow(TimeSpan.Zero), times: 2)
            .Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(404, "NOT_FOUND", "models/veo-3.1-generate-preview is not found"));

        var result = _workspace.Run(InvokeShotVideoTests.Veo + Terminating("Invoke-ShotVideo @veo -StoryId $StoryId -ThrottleLimit 3 -Confirm:$false"));

        var error = Caught(result);
        Assert.Equal("ShotVideoModelUnavailable" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        // Reported once, as the terminating error, not also as a per-shot error.
        Assert.Empty(result.Errors);
        var summary = InvokeShotVideoTests.Summary(result);
        Assert.Equal((2, 1, VeoWorkspace.SampleShots - 3), (summary.Generated, summary.Failed, summary.NotStarted));
        Assert.Equal("ShotVideoModelUnavailable", summary.StoppedBy?.ErrorId);
        var recorded = (await _workspace.ShotsAsync()).Where(shot => shot.VideoFilePath is not null).Select(shot => shot.VideoFilePath!).Order().ToList();
        Assert.Equal(2, recorded.Count);
        Assert.Equal(recorded, _workspace.ShotFiles());
    }

    [Fact]
    public void Without_a_configured_backend_the_command_ends_and_says_how_to_configure_one()
    {
        var result = _workspace.Run(Terminating("Invoke-ShotVideo -StoryId $StoryId -Database $Database -PublicRoot $PublicRoot -Confirm:$false"));

        var error = Caught(result);
        Assert.Equal("ShotVideoNoBackend" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("GEMINI_API_KEY", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(_workspace.ShotFiles());
    }

    [Fact]
    public void Stub_and_Backend_are_in_different_parameter_sets()
    {
        var result = _workspace.Run(Terminating("Invoke-ShotVideo -StoryId $StoryId -Stub -Backend GeminiApi -Database $Database -PublicRoot $PublicRoot -Confirm:$false"));

        var error = Caught(result);
        Assert.Equal("AmbiguousParameterSet" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void A_safety_filtered_shot_is_a_non_terminating_error_and_the_run_goes_on()
    {
        _workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.SafetyFiltered });

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-3 -ThrottleLimit 1 -Confirm:$false");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoSafetyFiltered" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(new ShotKey(_workspace.StoryId, "scenelet-3", 1), error.TargetObject);
        Assert.Equal([ShotVideoStatus.Filtered, ShotVideoStatus.Generated], result.OutputOf<ShotVideoResult>().OrderBy(shot => shot.ShotIndex).Select(shot => shot.Status));
        // The run's progress counts the failure (a clean run leaves it out to stay short).
        Assert.Contains(result.Progress, record => record.ActivityId == 1 && record.StatusDescription == "2/2 done, 0 running, 1 failed, $3.20 spent");
    }

    [Fact]
    public async Task ErrorAction_Stop_ends_at_the_first_failed_shot_while_shots_in_flight_are_still_recorded()
    {
        _workspace.Veo.Script
            // The failing operation takes a moment, so the other two start (one paced slot each) before it fails.
            .EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error, Latency = TimeSpan.FromMilliseconds(300) })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(700) })
            .EnqueuePlan(new FakeVeoOperationPlan { Latency = TimeSpan.FromMilliseconds(700) });

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -ThrottleLimit 3 -Confirm:$false -ErrorAction Stop; 'after'");

        Assert.Equal("ShotVideoOperationFailed" + CommandId, result.Terminating?.FullyQualifiedErrorId);
        Assert.IsType<ShotKey>(result.Terminating!.TargetObject);
        Assert.DoesNotContain(result.Output, item => Equals(item.BaseObject, "after"));
        // No new shot started after the failure; the two in flight finished, were stored and recorded.
        Assert.Equal(3, _workspace.Veo.Requests.StartCount);
        var recorded = (await _workspace.ShotsAsync()).Where(shot => shot.VideoFilePath is not null).Select(shot => shot.VideoFilePath!).Order().ToList();
        Assert.Equal(2, recorded.Count);
        Assert.Equal(recorded, _workspace.ShotFiles());
        var jobs = await _workspace.JobsAsync();
        Assert.Equal([ShotVideoJobState.Failed, ShotVideoJobState.Succeeded, ShotVideoJobState.Succeeded], jobs.Select(job => job.State).OrderBy(state => state.ToString()));
    }

    [Fact]
    public async Task Stopping_while_operations_poll_leaves_no_partial_file_and_no_half_recorded_shot()
    {
        _workspace.Veo.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(30) };
        var stopped = TimeSpan.Zero;

        var result = _workspace.Run(
            InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-2 -ThrottleLimit 2 -Confirm:$false",
            whileRunning: powerShell =>
            {
                // Both operations started, then a few more polls: both are being polled when the stop comes.
                WaitFor(() => _workspace.Veo.Requests.StartCount >= 2);
                var polls = _workspace.Veo.Requests.Of(FakeVeoEndpoint.Poll).Count;
                WaitFor(() => _workspace.Veo.Requests.Of(FakeVeoEndpoint.Poll).Count >= polls + 6);

                var watch = System.Diagnostics.Stopwatch.StartNew();
                powerShell.EndStop(powerShell.BeginStop(null, null));
                stopped = watch.Elapsed;
            });

        Assert.Equal(PSInvocationState.Stopped, result.State);
        Assert.InRange(stopped, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(2, _workspace.Veo.Requests.StartCount);
        Assert.Empty(_workspace.ShotFiles());
        Assert.All(await _workspace.ShotsAsync(), shot => Assert.Null(shot.VideoFilePath));
        // Both attempts were released, not settled: their paid operations stay resumable by the next run.
        var jobs = await _workspace.JobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job => Assert.Equal((ShotVideoJobState.Started, (string?)null), (job.State, job.ClaimedBy)));
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The run did not get there in time.");
            Thread.Sleep(10);
        }
    }

    /// <summary>Runs <paramref name="command"/> so that a terminating error ends up in the output and the next
    /// statement ('after') shows whether the command went on.</summary>
    internal static string Terminating(string command) => $"try {{ {command}; 'after' }} catch {{ $_ }}";

    /// <summary>The one terminating error a <see cref="Terminating"/> script caught (and that nothing ran after it).</summary>
    internal static ErrorRecord Caught(ScriptResult result)
    {
        Assert.DoesNotContain(result.Output, item => Equals(item.BaseObject, "after"));
        return Assert.Single(result.OutputOf<ErrorRecord>());
    }
}
