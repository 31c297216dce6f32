using System.Text.Json;
using ShotVideo.Pacing;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Pacing;

/// <summary>Where the rate comes from, how a quota is named, and how Google's RetryInfo is read.</summary>
public sealed class PacingOptionsTests
{
    private static Func<string, string?> Environment(string? startsPerMinute) =>
        name => name == StartPacingOptions.StartsPerMinuteVariable ? startsPerMinute : null;

    [Theory]
    [InlineData(VideoBackend.VertexAi, "veo-3.1-generate-001", 50.0)]
    [InlineData(VideoBackend.VertexAi, "veo-3.1-fast-generate-001", 50.0)]
    [InlineData(VideoBackend.VertexAi, "veo-3.1-generate-preview", 10.0)]
    [InlineData(VideoBackend.GeminiApi, "veo-3.1-generate-preview", 10.0)]
    [InlineData(VideoBackend.GeminiApi, "veo-3.1-fast-generate-preview", 10.0)]
    public void DefaultsFollowThePublishedQuotas(VideoBackend backend, string model, double perMinute) =>
        Assert.Equal(perMinute, StartPacingOptions.For(backend, model, environment: Environment(null)).StartsPerMinute);

    [Fact]
    public void TheStubIsNeverPaced()
    {
        Assert.Null(StartPacingOptions.For(VideoBackend.Stub, "stub", 5, Environment("7")).StartsPerMinute);
    }

    [Fact]
    public void AParameterWinsOverTheVariableWhichWinsOverTheDefault()
    {
        Assert.Equal(120, StartPacingOptions.For(VideoBackend.VertexAi, "veo-3.1-generate-001", environment: Environment(" 120 ")).StartsPerMinute);
        Assert.Equal(7.5, StartPacingOptions.For(VideoBackend.VertexAi, "veo-3.1-generate-001", 7.5, Environment("120")).StartsPerMinute);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("NaN")]
    public void ABadVariableIsAClearError(string value)
    {
        var error = Assert.Throws<ShotVideoException>(() => StartPacingOptions.For(VideoBackend.GeminiApi, "veo-3.1-generate-preview", environment: Environment(value)));

        Assert.Equal(ShotVideoErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(StartPacingOptions.StartsPerMinuteVariable, error.Message);
    }

    [Fact]
    public void TheBurstNeverExceedsAMinutesQuota()
    {
        Assert.Equal(4, new PacingParameters(new StartPacingOptions { StartsPerMinute = 4.9, Burst = 10 }).BurstLimit);
        Assert.Equal(1, new PacingParameters(new StartPacingOptions { StartsPerMinute = 0.5, Burst = 10 }).BurstLimit);
        Assert.Equal(10, new PacingParameters(new StartPacingOptions { StartsPerMinute = 50 }).BurstLimit);
    }

    [Fact]
    public void AQuotaKeyNamesTheProjectButNeverTheApiKey()
    {
        const string apiKey = "AIzaSyD-secret-key-0123456789abcdefghij";

        string gemini = StartQuotaKey.ForGeminiApi(apiKey, "veo-3.1-generate-preview");

        Assert.Matches("^gemini-api:key-[0-9a-f]{12}:veo-3.1-generate-preview$", gemini);
        Assert.DoesNotContain("secret", gemini);
        Assert.Equal(gemini, StartQuotaKey.ForGeminiApi(apiKey, "veo-3.1-generate-preview"));
        Assert.NotEqual(gemini, StartQuotaKey.ForGeminiApi(apiKey + "x", "veo-3.1-generate-preview"));
        Assert.Equal("vertex-ai:my-project/us-central1:veo-3.1-generate-001", StartQuotaKey.ForVertexAi("my-project", "us-central1", "veo-3.1-generate-001"));
    }

    [Theory]
    [InlineData("38s", 38_000)]
    [InlineData("1.500s", 1_500)]
    [InlineData("0s", 0)]
    [InlineData("\"}", -1)]
    public void GooglesRetryDelayIsRead(string retryDelay, int milliseconds)
    {
        string body = JsonSerializer.Serialize(new
        {
            error = new
            {
                code = 429,
                message = "Resource has been exhausted (e.g. check quota).",
                status = "RESOURCE_EXHAUSTED",
                details = new object[]
                {
                    new Dictionary<string, object> { ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure", ["violations"] = Array.Empty<object>() },
                    new Dictionary<string, object> { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay },
                },
            },
        });

        Assert.Equal(milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds), GoogleRetryInfo.TryGetRetryDelay(body));
    }

    [Theory]
    [InlineData("""{"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":{"seconds":"12","nanos":500000000}}]}}""", 12_500)]
    [InlineData("""{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[]}}""", -1)]
    [InlineData("""{"error":{"code":429}}""", -1)]
    [InlineData("<html><body>429 Too Many Requests</body></html>", -1)]
    [InlineData("", -1)]
    public void OtherBodiesGiveTheirDelayOrNone(string body, int milliseconds) =>
        Assert.Equal(milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds), GoogleRetryInfo.TryGetRetryDelay(body));
}
