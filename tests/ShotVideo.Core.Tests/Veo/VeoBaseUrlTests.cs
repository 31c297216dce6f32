using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class VeoBaseUrlTests
{
    private static readonly Uri Fallback = new("https://generativelanguage.googleapis.com/v1beta/");

    [Theory]
    [InlineData("https://proxy.example", "v1beta", "https://proxy.example/v1beta/")]
    [InlineData("https://proxy.example/", "v1beta", "https://proxy.example/v1beta/")]
    [InlineData("http://127.0.0.1:8080", "v1beta", "http://127.0.0.1:8080/v1beta/")]
    [InlineData("https://us-central1-aiplatform.googleapis.com", "v1", "https://us-central1-aiplatform.googleapis.com/v1/")]
    [InlineData("https://proxy.example/v1beta", "v1beta", "https://proxy.example/v1beta/")]
    [InlineData("https://proxy.example/google/veo/", "v1beta", "https://proxy.example/google/veo/")]
    [InlineData("https://proxy.example/v1beta1/", "v1", "https://proxy.example/v1beta1/")]
    [InlineData("https://storage.example", null, "https://storage.example/")]
    public void A_url_without_a_path_gets_the_default_version_and_one_with_a_path_is_kept(string given, string? version, string expected)
    {
        Assert.Equal(new Uri(expected), VeoBaseUrl.Resolve(null, given, Fallback, "SHOTVIDEO_GEMINI_BASE_URL", version));
        Assert.Equal(new Uri(expected), VeoBaseUrl.Resolve(new Uri(given), null, Fallback, "option", version));
    }

    [Fact]
    public void The_option_wins_over_the_variable_and_the_fallback_is_used_as_given()
    {
        Assert.Equal(new Uri("https://a.example/v1beta/"), VeoBaseUrl.Resolve(new Uri("https://a.example"), "https://b.example", Fallback, "V", VeoBaseUrl.GeminiVersion));
        Assert.Equal(Fallback, VeoBaseUrl.Resolve(null, "  ", Fallback, "V", VeoBaseUrl.GeminiVersion));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://proxy.example/")]
    public void What_is_not_an_http_url_is_refused(string given)
    {
        var error = Assert.Throws<ShotVideoException>(() => VeoBaseUrl.Resolve(null, given, Fallback, "SHOTVIDEO_GEMINI_BASE_URL", VeoBaseUrl.GeminiVersion));

        Assert.Equal("ShotVideoInvalidBaseUrl", error.ErrorId);
    }
}
