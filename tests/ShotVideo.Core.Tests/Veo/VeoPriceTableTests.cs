using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VeoPriceTableTests
{
    [Theory]
    [InlineData("veo-3.1-generate-001", 8, true, "3.20")]
    [InlineData("veo-3.1-generate-001", 8, false, "1.60")]
    [InlineData("veo-3.1-generate-preview", 8, true, "3.20")]
    [InlineData("veo-3.1-fast-generate-001", 8, true, "0.96")]
    [InlineData("veo-3.1-fast-generate-preview", 4, false, "0.40")]
    public void Prices_per_second_by_model_and_audio(string model, int seconds, bool audio, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VeoPriceTable.EstimateCost(model, seconds, audio));

    [Fact]
    public void Unknown_models_have_no_price() => Assert.Null(VeoPriceTable.EstimateCost("veo-2.0-generate-001", 8, false));

    [Fact]
    public void Generators_price_their_own_audio_behaviour()
    {
        var request = new VideoGenerationRequest("p");
        using var gemini = VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions { ApiKey = "k", GetEnvironmentVariable = _ => null });
        using var vertex = VeoVideoGenerator.ForVertexAi(new VertexAiOptions { Project = "p-1", GetEnvironmentVariable = _ => null });
        Assert.Equal(3.20m, gemini.EstimateCostUsd(request)); // the Gemini API always generates audio
        Assert.Equal(1.60m, vertex.EstimateCostUsd(request));
        Assert.Equal(3.20m, vertex.EstimateCostUsd(request with { GenerateAudio = true }));
    }
}
