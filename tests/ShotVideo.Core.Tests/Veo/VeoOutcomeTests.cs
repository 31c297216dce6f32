using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

/// <summary>How operations end, and every failure's error id, for both backends.</summary>
public sealed class VeoOutcomeTests : IAsyncLifetime
{
    private FakeVeoService _fake = null!;

    public static TheoryData<VideoBackend> Backends => [VideoBackend.GeminiApi, VideoBackend.VertexAi];

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private IVideoGenerator Create(VideoBackend backend, Func<VeoClientOptions, VeoClientOptions>? change = null) => backend == VideoBackend.GeminiApi
        ? VeoVideoGenerator.ForGeminiApi((GeminiApiOptions)(change ?? (o => o))(VeoTestKit.Gemini(_fake)))
        : VeoVideoGenerator.ForVertexAi((VertexAiOptions)(change ?? (o => o))(VeoTestKit.Vertex(_fake)));

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Safety_filtering_is_an_outcome_with_the_reasons(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.SafetyFiltered, FilteredReasons = ["Reason one. Support codes: 123", "Reason two"] };
        using var generator = Create(backend);

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        var filtered = Assert.IsType<VideoSafetyFiltered>(outcome);
        Assert.Equal(2, filtered.FilteredCount);
        Assert.Equal(["Reason one. Support codes: 123", "Reason two"], filtered.Reasons);
        Assert.Equal(operation, filtered.Operation);
        Assert.Equal(0, clip.Length);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_operation_error_is_a_failed_outcome_with_the_servers_message(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error, ErrorCode = 3, ErrorMessage = "Unsupported reference image content." };
        using var generator = Create(backend);

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        var failed = Assert.IsType<VideoFailed>(outcome);
        Assert.Equal(operation, failed.Operation);
        Assert.Contains("Unsupported reference image content.", failed.Reason);
        Assert.Contains("code 3", failed.Reason);
        Assert.Equal(0, clip.Length);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Done_without_a_video_or_a_reason_is_a_failed_outcome(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.NoVideo };
        using var generator = Create(backend);

        var (_, outcome, _) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        Assert.Contains("without a video", Assert.IsType<VideoFailed>(outcome).Reason);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_operation_that_never_finishes_times_out_naming_the_operation(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = int.MaxValue };
        using var generator = Create(backend, o => o with { Timeout = TimeSpan.FromMilliseconds(300) });
        var observer = new RecordingObserver();
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(operation, new MemoryStream(), observer, CancellationToken.None));

        Assert.Equal("ShotVideoTimedOut", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.OperationTimeout, error.Kind);
        Assert.Contains(operation.Name, error.Message);
        Assert.True(observer.Polls.Count > 3, "polled only " + observer.Polls.Count);
        Assert.All(observer.Polls, p => Assert.False(p.Done));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_body_that_is_not_an_MP4_is_rejected(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan
        {
            Clip = FakeVeoClip.FromBytes("<html><body>Sign in to continue</body></html>"u8.ToArray()),
            ContentType = "text/html",
        };
        using var generator = Create(backend);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1)));

        Assert.Equal("ShotVideoNotMp4", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidData, error.Kind);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_400_from_the_server_is_invalid_request_quoting_its_message(VideoBackend backend)
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(400, "INVALID_ARGUMENT", "Your use case is currently not supported."));
        using var generator = Create(backend);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoInvalidRequest", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("Your use case is currently not supported.", error.Message);
        Assert.Equal(1, _fake.Requests.StartCount);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_403_is_credentials_rejected(VideoBackend backend)
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(403, "PERMISSION_DENIED", "Permission denied on resource project."));
        using var generator = Create(backend);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsRejected", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.PermissionDenied, error.Kind);
        Assert.True(error.AffectsEveryShot);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_operation_can_be_resumed_by_name_from_a_new_client_without_a_second_start(VideoBackend backend)
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = 1 };
        VideoOperation operation;
        using (var first = Create(backend))
        {
            operation = await first.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        }

        // Only what a database row would keep.
        var recorded = new VideoOperation(operation.Backend, operation.Model, operation.Name);
        using var second = Create(backend);
        var clip = new MemoryStream();
        var outcome = await second.CompleteAsync(recorded, clip, null, CancellationToken.None);

        Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal(1, _fake.Requests.StartCount);

        // Results stay retrievable: polling the finished operation again gives the clip again.
        var again = new MemoryStream();
        Assert.IsType<VideoGenerated>(await second.CompleteAsync(recorded, again, null, CancellationToken.None));
        Assert.Equal(clip.ToArray(), again.ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_unknown_operation_is_an_expired_outcome(VideoBackend backend)
    {
        using var generator = Create(backend);
        string name = backend == VideoBackend.GeminiApi
            ? "models/veo-3.1-generate-preview/operations/gone"
            : "projects/story-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/gone";

        var outcome = await generator.CompleteAsync(new VideoOperation(backend, generator.Model, name), new MemoryStream(), null, CancellationToken.None);

        var expired = Assert.IsType<VideoExpired>(outcome);
        Assert.Contains(name, expired.Reason);
        Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Poll));
    }

    [Fact]
    public async Task A_malformed_operation_name_is_refused_before_any_request()
    {
        using var generator = Create(VideoBackend.GeminiApi);
        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(
            new VideoOperation(VideoBackend.GeminiApi, generator.Model, "https://elsewhere.example/steal"), new MemoryStream(), null, CancellationToken.None));
        Assert.Equal("ShotVideoInvalidOperationName", error.ErrorId);
        Assert.Empty(_fake.Requests.All);
    }

    [Fact]
    public async Task The_destination_must_be_seekable_and_readable()
    {
        using var generator = Create(VideoBackend.GeminiApi);
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        using var writeOnly = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose);

        await Assert.ThrowsAsync<ArgumentException>(() => generator.CompleteAsync(operation, writeOnly, null, CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_stops_polling_promptly_and_is_not_a_timeout()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = int.MaxValue };
        using var generator = Create(VideoBackend.VertexAi, o => o with { PollInterval = TimeSpan.FromSeconds(30) });
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.CompleteAsync(operation, new MemoryStream(), null, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
