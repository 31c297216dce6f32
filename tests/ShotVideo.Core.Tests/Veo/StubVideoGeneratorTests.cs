using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class StubVideoGeneratorTests
{
    [Fact]
    public async Task Returns_the_stub_clip_with_its_facts()
    {
        using var generator = new StubVideoGenerator();
        var observer = new RecordingObserver();

        var (operation, outcome, clip) = await VeoTestKit.GenerateAsync(generator, VeoTestKit.WithReferences(3), observer);

        var video = Assert.IsType<VideoGenerated>(outcome);
        Assert.Equal(VeoTestKit.StubClipBytes(), clip.ToArray());
        Assert.Equal(clip.Length, video.ByteCount);
        Assert.Equal("video/mp4", video.MimeType);
        Assert.Equal(new Mp4Facts("isom", TimeSpan.FromSeconds(8), 1920, 1080, false), video.Facts);
        Assert.Equal(VideoBackend.Stub, operation.Backend);
        Assert.StartsWith("stub/operations/", operation.Name);
        Assert.Single(observer.Polls);
        Assert.Equal(0m, generator.EstimateCostUsd(new VideoGenerationRequest("p")));
    }

    [Fact]
    public async Task Validates_with_the_same_rules_as_the_real_clients()
    {
        using var generator = new StubVideoGenerator();
        var request = VeoTestKit.WithReferences(4);

        var stubError = await Assert.ThrowsAsync<ShotVideoException>(() => generator.StartAsync(request, null, CancellationToken.None));
        var validatorError = Assert.Throws<ShotVideoException>(() => VideoRequestValidator.Validate(request, vertexRules: true));

        Assert.Equal("ShotVideoInvalidRequest", stubError.ErrorId);
        Assert.Equal(validatorError.Message, stubError.Message);
    }

    [Fact]
    public void A_missing_clip_path_is_a_clear_error()
    {
        var error = Assert.Throws<ShotVideoException>(() => new StubVideoGenerator(new StubVideoOptions { ClipPath = "/nonexistent/clip.mp4" }));
        Assert.Equal("ShotVideoStubClipMissing", error.ErrorId);
    }

    [Fact]
    public void The_stub_clip_is_small_and_found_from_the_test_output_folder()
    {
        var path = StubClipLocator.Find();
        Assert.EndsWith(Path.Combine("fixtures", "videos", "stub-shot.mp4"), path);
        Assert.InRange(new FileInfo(path).Length, 1_000, 20_000);
    }
}
