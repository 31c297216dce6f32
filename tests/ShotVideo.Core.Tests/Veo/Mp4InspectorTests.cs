using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class Mp4InspectorTests
{
    [Fact]
    public void Reads_the_stub_clips_container_duration_size_and_silence()
    {
        using var clip = new MemoryStream(VeoTestKit.StubClipBytes());
        var facts = Mp4Inspector.Inspect(clip, "the stub");
        Assert.Equal("isom", facts.MajorBrand);
        Assert.Equal(TimeSpan.FromSeconds(2.5), facts.Duration);
        Assert.Equal((320, 180), (facts.Width, facts.Height));
        Assert.False(facts.HasAudio);
    }

    [Fact]
    public void Detects_an_audio_track()
    {
        string path = Path.Combine(Support.RepositoryPaths.Root, "fixtures", "videos", "with-audio.mp4");
        using var clip = File.OpenRead(path);
        var facts = Mp4Inspector.Inspect(clip, "the audio fixture");
        Assert.Equal(new Mp4Facts("isom", TimeSpan.FromSeconds(1), 160, 90, true), facts);
    }

    [Fact]
    public void Reads_from_the_current_position()
    {
        var bytes = VeoTestKit.StubClipBytes();
        using var stream = new MemoryStream();
        stream.Write(new byte[100]);
        stream.Write(bytes);
        stream.Position = 100;
        Assert.Equal(320, Mp4Inspector.Inspect(stream, "offset clip").Width);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("json")]
    [InlineData("empty")]
    [InlineData("truncated")]
    public void Rejects_what_is_not_a_complete_MP4(string kind)
    {
        byte[] bytes = kind switch
        {
            "html" => "<!DOCTYPE html><html><body>Error 502</body></html>"u8.ToArray(),
            "json" => """{"error":{"code":500}}"""u8.ToArray(),
            "empty" => [],
            _ => VeoTestKit.StubClipBytes()[..40], // ftyp only, no moov
        };
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<ShotVideoException>(() => Mp4Inspector.Inspect(stream, "operation 'x'"));

        Assert.Equal("ShotVideoNotMp4", error.ErrorId);
        Assert.Contains("operation 'x'", error.Message);
    }
}
