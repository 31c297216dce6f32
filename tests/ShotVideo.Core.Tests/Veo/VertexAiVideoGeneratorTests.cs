using System.Text.Json.Nodes;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VertexAiVideoGeneratorTests : IAsyncLifetime
{
    private const string Prefix = "projects/story-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001";
    private FakeVeoService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Start_request_carries_the_bearer_token_quota_project_and_generateAudio_false()
    {
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake, quotaProject: "billing-project"));
        var operation = await generator.StartedAsync(VeoTestKit.WithReferences(3), null, CancellationToken.None);

        var start = Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Start));
        Assert.Equal($"/v1/{Prefix}:predictLongRunning", start.PathAndQuery);
        Assert.Equal("Bearer " + _fake.Options.VertexToken, start.Header("Authorization"));
        Assert.Equal("billing-project", start.Header("x-goog-user-project"));
        Assert.Null(start.Header("x-goog-api-key"));

        var body = JsonNode.Parse(start.Body)!.AsObject();
        Assert.Equal(3, body["instances"]![0]!["referenceImages"]!.AsArray().Count);
        var parameters = body["parameters"]!.AsObject();
        Assert.Equal(["aspectRatio", "resolution", "durationSeconds", "sampleCount", "personGeneration", "generateAudio"], parameters.Select(p => p.Key));
        Assert.Equal(System.Text.Json.JsonValueKind.False, parameters["generateAudio"]!.GetValueKind());
        Assert.Equal(8, (int)parameters["durationSeconds"]!);

        Assert.Equal(VideoBackend.VertexAi, operation.Backend);
        Assert.StartsWith(Prefix + "/operations/", operation.Name);
    }

    [Fact]
    public async Task No_quota_project_header_without_a_quota_project()
    {
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
        Assert.Null(_fake.Requests.Of(FakeVeoEndpoint.Start)[0].Header("x-goog-user-project"));
    }

    [Fact]
    public async Task Polls_with_fetchPredictOperation_and_decodes_the_inline_clip()
    {
        _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = 2 };
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        var observer = new RecordingObserver();

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(2), observer);

        var video = Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal("video/mp4", video.MimeType);
        Assert.False(video.Facts.HasAudio);
        var polls = _fake.Requests.Of(FakeVeoEndpoint.Poll);
        Assert.Equal(3, polls.Count);
        Assert.All(polls, p =>
        {
            Assert.Equal("POST", p.Method);
            Assert.Equal($"/v1/{Prefix}:fetchPredictOperation", p.PathAndQuery);
            Assert.Equal("Bearer " + _fake.Options.VertexToken, p.Header("Authorization"));
            var body = JsonNode.Parse(p.Body)!.AsObject();
            Assert.Equal(operation.Name, (string?)Assert.Single(body).Value);
            Assert.Equal("operationName", body.Single().Key);
        });
        Assert.Equal(3, observer.Polls.Count);
        Assert.Empty(_fake.Requests.Of(FakeVeoEndpoint.Download));
    }

    [Fact]
    public async Task Downloads_a_gcsUri_result_from_Cloud_Storage_with_the_token()
    {
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake) with { OutputStorageUri = "gs://story-bucket/clips" });

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(1));

        Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal("gs://story-bucket/clips", (string?)JsonNode.Parse(_fake.Requests.Of(FakeVeoEndpoint.Start)[0].Body)!["parameters"]!["storageUri"]);
        var download = Assert.Single(_fake.Requests.Of(FakeVeoEndpoint.Download));
        string id = operation.Name[(operation.Name.LastIndexOf('/') + 1)..];
        Assert.Equal($"/storage/v1/b/story-bucket/o/clips%2F{id}%2Fsample_0.mp4?alt=media", download.PathAndQuery);
        Assert.Equal("Bearer " + _fake.Options.VertexToken, download.Header("Authorization"));
    }

    [Fact]
    public async Task Streams_a_large_inline_clip_into_a_file()
    {
        const long size = 5 * 1024 * 1024 + 7;
        _fake.DefaultClip = FakeVeoClip.Padded(size);
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        var path = Path.GetTempFileName();
        try
        {
            var operation = await generator.StartedAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
            var video = Assert.IsType<VideoGenerated>(await generator.CompleteAsync(operation, file, null, CancellationToken.None));
            Assert.Equal(size, video.ByteCount);
            Assert.Equal(size, file.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_rejected_token_is_a_credentials_error_without_the_token()
    {
        var options = VeoTestKit.Vertex(_fake) with
        {
            TokenProvider = new FixedVertexAccessTokenProvider(new VertexAccessToken("ya29.not-the-right-token", null)),
        };
        using var generator = VeoVideoGenerator.ForVertexAi(options);

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsRejected", error.ErrorId);
        Assert.True(error.AffectsEveryShot);
        Assert.Contains("Application Default Credentials", error.RecommendedAction);
        Assert.DoesNotContain("ya29.not-the-right-token", error.ToString());
    }

    [Fact]
    public async Task An_unknown_model_is_model_unavailable()
    {
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake) with { Model = "veo-9-generate" });

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None));

        Assert.Equal("ShotVideoModelUnavailable", error.ErrorId);
        Assert.Contains("veo-9-generate", error.Message);
        Assert.Contains("story-project", error.Message);
    }

    [Fact]
    public void Project_and_location_come_from_the_environment_and_global_uses_the_global_host()
    {
        var environment = new Dictionary<string, string?>
        {
            [VertexAiOptions.ProjectVariable] = "env-project",
            [VertexAiOptions.LocationVariable] = "global",
        };
        using var generator = VeoVideoGenerator.ForVertexAi(new VertexAiOptions
        {
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
            TokenProvider = new FixedVertexAccessTokenProvider(new VertexAccessToken("t", null)),
        });

        Assert.Equal("https://aiplatform.googleapis.com/v1/projects/env-project/locations/global/publishers/google/models/veo-3.1-generate-001:predictLongRunning",
            generator.StartUri.AbsoluteUri);
        Assert.Equal("veo-3.1-generate-001", generator.Model);
    }

    [Fact]
    public void The_default_location_is_us_central1_and_the_base_url_variable_overrides_the_host()
    {
        var environment = new Dictionary<string, string?>
        {
            [VertexAiOptions.BaseUrlVariable] = "http://127.0.0.1:9/v1",
        };
        using var regional = VeoVideoGenerator.ForVertexAi(new VertexAiOptions { Project = "p-one", GetEnvironmentVariable = _ => null });
        using var overridden = VeoVideoGenerator.ForVertexAi(new VertexAiOptions { Project = "p-one", GetEnvironmentVariable = name => environment.GetValueOrDefault(name) });

        Assert.StartsWith("https://us-central1-aiplatform.googleapis.com/v1/projects/p-one/locations/us-central1/", regional.StartUri.AbsoluteUri);
        Assert.StartsWith("http://127.0.0.1:9/v1/projects/p-one/", overridden.StartUri.AbsoluteUri);
    }

    [Fact]
    public void A_missing_project_is_a_clear_error()
    {
        var error = Assert.Throws<ShotVideoException>(() => VeoVideoGenerator.ForVertexAi(new VertexAiOptions { GetEnvironmentVariable = _ => null }));
        Assert.Equal("ShotVideoProjectMissing", error.ErrorId);
        Assert.Contains("GOOGLE_CLOUD_PROJECT", error.RecommendedAction);
    }

    [Fact]
    public async Task Vertex_rejects_portrait_with_references_before_any_request()
    {
        using var generator = VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake));
        var error = await Assert.ThrowsAsync<ShotVideoException>(() =>
            generator.StartAsync(VeoTestKit.WithReferences(1) with { AspectRatio = "9:16" }, null, CancellationToken.None));
        Assert.Equal("ShotVideoInvalidRequest", error.ErrorId);
        Assert.Equal(0, _fake.Requests.StartCount);
    }

    [Fact]
    public void Token_records_never_print_the_token()
    {
        Assert.DoesNotContain("ya29.secret", new VertexAccessToken("ya29.secret", "q").ToString());
    }
}
