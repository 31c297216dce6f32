using ShotVideo.Review;
using ShotVideo.Tests.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Review;

public sealed class ClipFileCheckTests
{
    private static readonly PublicPath ClipPath = ReviewPages.Clip("scenelet-1", 1);

    [Fact]
    public void A_whole_clip_has_its_size_and_length()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(StubClipLocator.Find());
        Place(temp, bytes);

        var facts = ClipFileCheck.Inspect(temp.Path, ClipPath);

        using var stub = new MemoryStream(bytes);
        Assert.Equal(new ClipFileFacts(ClipFileState.Whole, bytes.Length, Mp4Inspector.Inspect(stub, "stub").Duration), facts);
    }

    [Fact]
    public void A_clip_that_is_not_there_is_missing()
    {
        using var temp = new TempFolder();

        Assert.Equal(new ClipFileFacts(ClipFileState.Missing, null, null), ClipFileCheck.Inspect(temp.Path, ClipPath));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_clip_cut_short_is_broken(double share)
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(StubClipLocator.Find());
        var cut = bytes[..(int)(bytes.Length * share)];
        Place(temp, cut);

        var facts = ClipFileCheck.Inspect(temp.Path, ClipPath);

        Assert.Equal((ClipFileState.Broken, (long?)cut.Length, (TimeSpan?)null), (facts.State, facts.Bytes, facts.Duration));
        Assert.Contains("box", facts.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>quota exceeded</html>")]
    public void A_file_that_is_not_an_mp4_is_broken(string content)
    {
        using var temp = new TempFolder();
        Place(temp, System.Text.Encoding.UTF8.GetBytes(content));

        Assert.Equal(ClipFileState.Broken, ClipFileCheck.Inspect(temp.Path, ClipPath).State);
    }

    private static void Place(TempFolder temp, byte[] bytes)
    {
        var file = ClipPath.Under(temp.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
    }
}
