using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VeoRetryTests : IAsyncLifetime
{
    private FakeVeoService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task A_429_on_start_is_not_retried_here_but_handed_to_the_pacer_with_its_Retry_After()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.TooManyRequests(TimeSpan.FromSeconds(7)));
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var observer = new RecordingObserver();

        var refused = Assert.IsType<VideoStartRefused>(await generator.StartAsync(VeoTestKit.WithReferences(1), observer, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), refused.RetryDelay);
        Assert.Contains("429", refused.Reason);
        Assert.Equal(1, _fake.Requests.StartCount);
        Assert.Empty(_fake.Operations);
        Assert.Empty(observer.Retries);
    }
    [Fact]
    public async Task A_poll_asked_to_wait_too_long_fails_the_shot_and_the_operation_stays_resumable()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1));
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Status(503, "UNAVAILABLE", "busy", retryAfter: TimeSpan.FromHours(1)));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(operation, new MemoryStream(), null, CancellationToken.None));
        var again = await generator.CompleteAsync(operation, new MemoryStream(), null, CancellationToken.None);

        Assert.Equal(("ShotVideoServiceUnavailable", false), (error.ErrorId, error.AffectsEveryShot));
        Assert.IsType<VideoGenerated>(again);
    }

    [Fact]
    public async Task A_503_with_Googles_body_on_start_is_retried()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Unavailable(), times: 2);
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));

        await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        Assert.Equal(3, _fake.Requests.StartCount);
        Assert.Single(_fake.Operations);
    }

    [Fact]
    public async Task Start_refused_with_503_until_retries_run_out_says_no_job_was_created()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Unavailable(), times: 5);
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoServiceUnavailable", error.ErrorId);
        Assert.Contains("no job was created", error.Message);
        Assert.Equal(5, _fake.Requests.StartCount);
    }

    [Theory]
    [InlineData(500, "INTERNAL")]
    [InlineData(502, null)]
    [InlineData(503, null)]
    [InlineData(504, null)]
    [InlineData(408, null)]
    public async Task Start_is_not_resent_after_an_answer_that_may_follow_an_accepted_job(int status, string? googleStatus)
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(status, googleStatus));
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        var outcome = await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        Assert.Contains($"HTTP {status}", Assert.IsType<VideoStartUncertain>(outcome).Reason);
        Assert.Equal(1, _fake.Requests.StartCount);
    }

    [Fact]
    public async Task Start_is_never_resent_after_a_dropped_connection()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.DropConnection());
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        var observer = new RecordingObserver();

        var outcome = await generator.StartAsync(VeoTestKit.WithReferences(1), observer, CancellationToken.None);

        Assert.IsType<VideoStartUncertain>(outcome);
        Assert.Equal(1, _fake.Requests.StartCount);
        Assert.Single(_fake.Operations); // the job was created: exactly why the request must not be sent again
        Assert.Empty(observer.Retries);
    }

    [Fact]
    public async Task A_start_that_times_out_is_not_resent()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { RequestTimeout = TimeSpan.FromSeconds(1) });
        // A first start warms the server up, so the timed-out request surely reaches it before the client gives up.
        await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Slow(TimeSpan.FromSeconds(4)));

        var outcome = await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        Assert.Contains("timed out", Assert.IsType<VideoStartUncertain>(outcome).Reason);
        Assert.Equal(2, _fake.Requests.StartCount);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_because_nothing_was_sent()
    {
        int closedPort = ClosedPort();
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { BaseUrl = new Uri($"http://127.0.0.1:{closedPort}/v1beta/") });
        var observer = new RecordingObserver();

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), observer, CancellationToken.None));

        Assert.Equal("ShotVideoServiceUnreachable", error.ErrorId);
        Assert.Contains("no job was created", error.Message);
        Assert.Equal([1, 2, 3, 4], observer.Retries.Select(r => r.Attempt));
        Assert.All(observer.Retries, r => Assert.Contains("ConnectionError", r.Reason));
    }

    [Fact]
    public async Task Quota_exhausted_on_polls_after_all_attempts_affects_every_shot()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1));
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.TooManyRequests(), times: 5);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(operation, new MemoryStream(), null, CancellationToken.None));

        Assert.Equal("ShotVideoQuotaExhausted", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.QuotaExceeded, error.Kind);
        Assert.True(error.AffectsEveryShot);
        Assert.Equal((1, 5), (_fake.Requests.StartCount, _fake.Requests.Of(FakeVeoEndpoint.Poll).Count));
    }
    [Fact]
    public async Task Retries_can_be_switched_off()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { Retry = VeoRetryOptions.None });
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1));
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Internal());

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(operation, new MemoryStream(), null, CancellationToken.None));

        Assert.Equal("ShotVideoServiceUnavailable", error.ErrorId);
        Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Poll));
    }
    [Fact]
    public async Task The_number_of_attempts_is_configurable()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Internal(), times: 10);
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { Retry = VeoTestKit.FastRetry with { MaxAttempts = 3 } });
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.CompleteAsync(operation, new MemoryStream(), null, CancellationToken.None));

        Assert.Equal("ShotVideoServiceUnavailable", error.ErrorId);
        Assert.Contains(operation.Name, error.Message);
        Assert.Equal(3, _fake.Requests.Of(FakeVeoEndpoint.Poll).Count);
    }

    [Fact]
    public async Task Polls_are_retried_through_500_503_429_and_dropped_connections()
    {
        _fake.Script
            .Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Internal())
            .Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Status(503, null))
            .Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.TooManyRequests())
            .Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.DropConnection());
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        var observer = new RecordingObserver();

        var (_, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1), observer);

        Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal(5, _fake.Requests.Of(FakeVeoEndpoint.Poll).Count);
        Assert.Equal(4, observer.Retries.Count);
        Assert.All(observer.Retries, r => Assert.Equal("poll", r.Step));
    }

    [Fact]
    public async Task A_download_that_breaks_off_is_retried_from_the_start_of_the_clip()
    {
        _fake.DefaultClip = FakeVeoClip.Padded(512 * 1024);
        _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.DropMidBody()).Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.Status(502, null));
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var observer = new RecordingObserver();
        var destination = new MemoryStream();
        destination.Write("keep"u8); // the clip goes after whatever the caller already has at the position

        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        var video = Assert.IsType<VideoGenerated>(await generator.CompleteAsync(operation, destination, observer, CancellationToken.None));

        Assert.Equal(512 * 1024, video.ByteCount);
        Assert.Equal(4 + 512 * 1024, destination.Length);
        Assert.Equal(destination.Length, destination.Position);
        Assert.Equal("keep"u8.ToArray(), destination.ToArray()[..4]);
        Assert.Equal(3, _fake.Requests.Of(FakeVeoEndpoint.Download).Count);
        Assert.Equal(["download", "download"], observer.Retries.Select(r => r.Step));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
