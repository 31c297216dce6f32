using System.Text.Json.Nodes;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class GeminiApiVideoGeneratorTests : IAsyncLifetime
{
    private FakeVeoService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Start_request_has_exactly_the_documented_body_and_the_key_only_in_the_header()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(2), null, CancellationToken.None);

        var start = Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Start));
        Assert.Equal("POST", start.Method);
        Assert.Equal("/v1beta/models/veo-3.1-generate-preview:predictLongRunning", start.PathAndQuery);
        Assert.Equal(_fake.Options.ApiKey, start.Header("x-goog-api-key"));
        Assert.Null(start.Header("Authorization"));
        Assert.StartsWith("application/json", start.Header("Content-Type"));

        var body = JsonNode.Parse(start.Body)!.AsObject();
        Assert.Equal(["instances", "parameters"], body.Select(p => p.Key));
        var instance = Assert.Single(body["instances"]!.AsArray())!.AsObject();
        Assert.Equal(["prompt", "referenceImages"], instance.Select(p => p.Key));
        Assert.Equal("A lighthouse keeper climbs the stairs at dusk.", (string?)instance["prompt"]);
        var references = instance["referenceImages"]!.AsArray();
        Assert.Equal(2, references.Count);
        Assert.Equal(Convert.ToBase64String(VeoTestKit.Png), (string?)references[0]!["image"]!["bytesBase64Encoded"]);
        Assert.Equal("image/png", (string?)references[0]!["image"]!["mimeType"]);
        Assert.Equal("image/jpeg", (string?)references[1]!["image"]!["mimeType"]);
        Assert.Equal("asset", (string?)references[0]!["referenceType"]);

        var parameters = body["parameters"]!.AsObject();
        Assert.Equal(["aspectRatio", "resolution", "durationSeconds", "sampleCount", "personGeneration"], parameters.Select(p => p.Key));
        Assert.Equal("16:9", (string?)parameters["aspectRatio"]);
        Assert.Equal("1080p", (string?)parameters["resolution"]);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, parameters["durationSeconds"]!.GetValueKind());
        Assert.Equal(8, (int)parameters["durationSeconds"]!);
        Assert.Equal(1, (int)parameters["sampleCount"]!);
        Assert.Equal("allow_adult", (string?)parameters["personGeneration"]);
        Assert.False(parameters.ContainsKey("generateAudio"));

        Assert.Equal(VideoBackend.GeminiApi, operation.Backend);
        Assert.Equal("veo-3.1-generate-preview", operation.Model);
        Assert.StartsWith("models/veo-3.1-generate-preview/operations/", operation.Name);
        Assert.NotNull(_fake.FindOperation(operation.Name));
    }

    [Fact]
    public async Task Text_only_request_asks_for_allow_all_and_no_reference_images()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        await generator.StartAsync(new VideoGenerationRequest("Waves at night.") { GenerateAudio = true }, null, CancellationToken.None);

        var body = JsonNode.Parse(_fake.Requests.Of(FakeVeoEndpoint.Start)[0].Body)!;
        Assert.False(body["instances"]![0]!.AsObject().ContainsKey("referenceImages"));
        Assert.Equal("allow_all", (string?)body["parameters"]!["personGeneration"]);
        Assert.False(body["parameters"]!.AsObject().ContainsKey("generateAudio"));
    }

    [Fact]
    public async Task Polls_until_done_then_downloads_the_clip_with_the_key_in_the_header()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = 3 };
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));
        var observer = new RecordingObserver();

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1), observer);

        var video = Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal(clip.Length, video.ByteCount);
        Assert.Equal("video/mp4", video.MimeType);
        Assert.Equal(new Mp4Facts("isom", TimeSpan.FromSeconds(8), 1920, 1080, false), video.Facts);
        Assert.Equal(operation, video.Operation);

        Assert.Equal([1, 2, 3, 4], observer.Polls.Select(p => p.Attempt));
        Assert.Equal([false, false, false, true], observer.Polls.Select(p => p.Done));
        var polls = _fake.Requests.Of(FakeVeoEndpoint.Poll);
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p =>
        {
            Assert.Equal("GET", p.Method);
            Assert.Equal("/v1beta/" + operation.Name, p.PathAndQuery);
            Assert.Equal(_fake.Options.ApiKey, p.Header("x-goog-api-key"));
        });
        var download = Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Download));
        Assert.Equal(_fake.Options.ApiKey, download.Header("x-goog-api-key"));
        Assert.All(_fake.Requests.All, r => Assert.DoesNotContain(_fake.Options.ApiKey, r.PathAndQuery));
    }

    [Fact]
    public async Task One_generator_serves_concurrent_shots_and_waits_out_the_generation_latency()
    {
        // Long enough against a 20 ms poll that even a loaded machine polls each operation before it is done.
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Latency = TimeSpan.FromSeconds(1) };
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { PollInterval = TimeSpan.FromMilliseconds(20) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1))));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1));
        Assert.Equal(8, _fake.Requests.StartCount);
        Assert.Equal(8, results.Select(r => r.Operation.Name).Distinct().Count());
        Assert.All(results, r => Assert.Equal(VeoTestKit.StubClipBytes(), r.Clip.ToArray()));
        Assert.All(_fake.Operations, o => Assert.True(o.PollCount > 1, $"{o.Name} polled {o.PollCount} times"));
    }

    [Fact]
    public async Task Follows_a_redirect_on_the_same_host_keeping_the_key()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Delivery = FakeVeoDelivery.Redirect };
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        var (_, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        var downloads = _fake.Requests.Of(FakeVeoEndpoint.Download);
        Assert.Equal(2, downloads.Count);
        Assert.StartsWith("/signed/files/", downloads[1].PathAndQuery);
        Assert.Equal(_fake.Options.ApiKey, downloads[1].Header("x-goog-api-key"));
    }

    [Fact]
    public async Task Does_not_send_the_key_to_a_redirect_target_on_another_host()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Delivery = FakeVeoDelivery.RedirectToOtherHost };
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        var (_, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        var downloads = _fake.Requests.Of(FakeVeoEndpoint.Download);
        Assert.Equal(2, downloads.Count);
        Assert.StartsWith("localhost:", downloads[1].Host);
        Assert.Null(downloads[1].Header("x-goog-api-key"));
        Assert.DoesNotContain(_fake.Options.ApiKey, downloads[1].PathAndQuery);
    }

    [Fact]
    public async Task Decodes_an_encodedVideo_sample()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Delivery = FakeVeoDelivery.Inline };
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        var (_, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal(clip.Length, Assert.IsType<VideoGenerated>(outcome).ByteCount);
        Assert.Empty(_fake.Requests.Of(FakeVeoEndpoint.Download));
    }

    [Fact]
    public async Task Streams_a_large_clip_through_both_download_and_inline_paths()
    {
        const long size = 6 * 1024 * 1024 + 123;
        _fake.DefaultClip = FakeVeoClip.Padded(size);
        _fake.Script.EnqueuePlan(new FakeVeoOperationPlan()).EnqueuePlan(new FakeVeoOperationPlan { Delivery = FakeVeoDelivery.Inline });
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake));

        foreach (var _ in new[] { "uri", "inline" })
        {
            var path = Path.GetTempFileName();
            try
            {
                var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
                await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
                var video = Assert.IsType<VideoGenerated>(await generator.CompleteAsync(operation, file, null, CancellationToken.None));
                Assert.Equal(size, video.ByteCount);
                Assert.Equal(size, file.Length);
                Assert.Equal(1920, video.Facts.Width);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task Takes_the_key_and_base_url_from_the_environment_when_not_given()
    {
        var environment = new Dictionary<string, string?>
        {
            [GeminiApiOptions.ApiKeyVariable] = _fake.Options.ApiKey,
            [GeminiApiOptions.BaseUrlVariable] = _fake.GeminiBaseUrl.AbsoluteUri,
        };
        using var generator = VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions
        {
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
            PollInterval = TimeSpan.FromMilliseconds(5),
        });

        await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);

        Assert.Equal(_fake.Options.ApiKey, _fake.Requests.Of(FakeVeoEndpoint.Start)[0].Header("x-goog-api-key"));
    }

    [Fact]
    public void A_missing_key_is_a_clear_error_before_any_request()
    {
        var error = Assert.Throws<ShotVideoException>(() => VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions { GetEnvironmentVariable = _ => null }));
        Assert.Equal("ShotVideoCredentialsMissing", error.ErrorId);
        Assert.Contains("GEMINI_API_KEY", error.RecommendedAction);
        Assert.True(error.AffectsEveryShot);
    }

    [Fact]
    public async Task A_wrong_key_is_rejected_credentials()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { ApiKey = "wrong-key-123456" });

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsRejected", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.AuthenticationError, error.Kind);
        Assert.True(error.AffectsEveryShot);
        Assert.Contains("API key not valid", error.Message);
        Assert.DoesNotContain("wrong-key-123456", error.ToString());
    }

    [Fact]
    public async Task A_retired_preview_model_names_the_retirement_and_the_Vertex_model()
    {
        using var generator = VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { Model = "veo-3.0-generate-preview" });

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoModelUnavailable", error.ErrorId);
        Assert.True(error.AffectsEveryShot);
        Assert.Contains("2026-10-22", error.RecommendedAction);
        Assert.Contains("veo-3.1-generate-001", error.RecommendedAction);
        Assert.Equal(1, _fake.Requests.StartCount);
    }

    [Fact]
    public void Options_never_print_the_key()
    {
        var options = new GeminiApiOptions { ApiKey = "secret-key-xyz" };
        Assert.DoesNotContain("secret-key-xyz", options.ToString());
    }
}
