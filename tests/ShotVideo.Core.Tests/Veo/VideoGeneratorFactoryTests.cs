using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VideoGeneratorFactoryTests
{
    [Fact]
    public void PicksTheGeminiApiWhenItsKeyIsSet()
    {
        using var generator = VideoGeneratorFactory.Create(new VideoGeneratorSettings(), Environment(("GEMINI_API_KEY", "k"), ("GOOGLE_CLOUD_PROJECT", "story-studio-42")));

        Assert.Equal((VideoBackend.GeminiApi, "veo-3.1-generate-preview"), (generator.Backend, generator.Model));
    }

    [Fact]
    public void PicksVertexWhenOnlyAProjectIsSet()
    {
        using var generator = VideoGeneratorFactory.Create(new VideoGeneratorSettings { Model = "veo-3.1-fast-generate-001" }, Environment(("GOOGLE_CLOUD_PROJECT", "story-studio-42")));

        Assert.Equal((VideoBackend.VertexAi, "veo-3.1-fast-generate-001"), (generator.Backend, generator.Model));
    }

    [Fact]
    public void NeverFallsBackToTheStubSilently()
    {
        var ex = Assert.Throws<ShotVideoException>(() => VideoGeneratorFactory.Create(new VideoGeneratorSettings(), Environment()));

        Assert.Equal("ShotVideoNoBackend", ex.ErrorId);
        Assert.True(ex.AffectsEveryShot);
        Assert.Contains("GEMINI_API_KEY", ex.RecommendedAction);
        Assert.Contains("GOOGLE_CLOUD_PROJECT", ex.RecommendedAction);
        Assert.Contains("-Stub", ex.RecommendedAction);
    }

    [Fact]
    public void TheStubIsUsedOnlyWhenAskedFor()
    {
        using var generator = VideoGeneratorFactory.Create(new VideoGeneratorSettings { Backend = VideoBackend.Stub }, Environment());

        Assert.Equal(VideoBackend.Stub, generator.Backend);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
