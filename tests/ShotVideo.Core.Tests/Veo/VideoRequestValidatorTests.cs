using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VideoRequestValidatorTests
{
    private static readonly VideoReferenceImage Png = new(VeoTestKit.Png, "image/png");

    public static TheoryData<string, VideoGenerationRequest, string> Invalid() => new()
    {
        { "empty prompt", new VideoGenerationRequest("  "), "prompt is empty" },
        { "four references", new VideoGenerationRequest("p") { ReferenceImages = [Png, Png, Png, Png] }, "at most 3" },
        { "empty image", new VideoGenerationRequest("p") { ReferenceImages = [new VideoReferenceImage([], "image/png")] }, "reference image 1 is empty" },
        { "gif", new VideoGenerationRequest("p") { ReferenceImages = [new VideoReferenceImage(VeoTestKit.Png, "image/gif")] }, "image/gif" },
        { "huge image", new VideoGenerationRequest("p") { ReferenceImages = [new VideoReferenceImage(new byte[VideoRequestValidator.MaxReferenceImageBytes + 1], "image/png")] }, "the limit is" },
        { "square", new VideoGenerationRequest("p") { AspectRatio = "1:1" }, "aspect ratio '1:1'" },
        { "8k", new VideoGenerationRequest("p") { Resolution = "8k" }, "resolution '8k'" },
        { "5 seconds", new VideoGenerationRequest("p") { DurationSeconds = 5, Resolution = "720p" }, "duration 5 s" },
        { "1080p at 6 s", new VideoGenerationRequest("p") { DurationSeconds = 6 }, "1080p is only available with 8-second clips" },
        { "references at 4 s", new VideoGenerationRequest("p") { DurationSeconds = 4, Resolution = "720p", ReferenceImages = [Png] }, "must be 8 seconds" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_what_Veo_rejects(string _, VideoGenerationRequest request, string expected)
    {
        foreach (bool vertex in new[] { false, true })
        {
            var error = Assert.Throws<ShotVideoException>(() => VideoRequestValidator.Validate(request, vertex));
            Assert.Equal("ShotVideoInvalidRequest", error.ErrorId);
            Assert.Equal(ShotVideoErrorKind.InvalidArgument, error.Kind);
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void Portrait_with_references_is_only_refused_under_Vertex_rules()
    {
        var request = new VideoGenerationRequest("p") { AspectRatio = "9:16", ReferenceImages = [Png] };
        VideoRequestValidator.Validate(request, vertexRules: false);
        var error = Assert.Throws<ShotVideoException>(() => VideoRequestValidator.Validate(request, vertexRules: true));
        Assert.Contains("9:16", error.Message);
    }

    [Fact]
    public void Lists_every_problem_at_once()
    {
        var error = Assert.Throws<ShotVideoException>(() => VideoRequestValidator.Validate(new VideoGenerationRequest("") { AspectRatio = "4:3", Resolution = "2k" }, false));
        Assert.Contains("prompt is empty", error.Message);
        Assert.Contains("4:3", error.Message);
        Assert.Contains("2k", error.Message);
    }

    [Theory]
    [InlineData("16:9", "1080p", 8, 3)]
    [InlineData("16:9", "4k", 8, 1)]
    [InlineData("9:16", "720p", 4, 0)]
    [InlineData("16:9", "720p", 6, 0)]
    public void Accepts_valid_combinations(string aspect, string resolution, int seconds, int references)
    {
        var request = new VideoGenerationRequest("A keeper lights the lamp.")
        {
            AspectRatio = aspect,
            Resolution = resolution,
            DurationSeconds = seconds,
            ReferenceImages = [.. Enumerable.Repeat(Png, references)],
        };
        VideoRequestValidator.Validate(request, vertexRules: true);
    }

    [Fact]
    public void Defaults_are_16_9_1080p_8_seconds_silent()
    {
        var request = new VideoGenerationRequest("p");
        Assert.Equal(("16:9", "1080p", 8, false), (request.AspectRatio, request.Resolution, request.DurationSeconds, request.GenerateAudio));
        Assert.Empty(request.ReferenceImages);
    }
}
