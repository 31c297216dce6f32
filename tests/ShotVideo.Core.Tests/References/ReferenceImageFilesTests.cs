using ShotVideo.References;
using ShotVideo.Tests.Storage;
using ShotVideo.Veo;
using static ShotVideo.Tests.Prompting.PromptFixtures;

namespace ShotVideo.Tests.References;

public sealed class ReferenceImageFilesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private Task<VideoReferenceImage> Load(string fileName, byte[] bytes)
    {
        var path = TestImages.Write(folder.Path, fileName, bytes);
        return LoadAsync(new ReferenceImageChoice(ReferenceImageKind.Environment, "dock", fileName, path), new ShotKey(StoryId, "scenelet-2", 4));
    }

    private static async Task<VideoReferenceImage> LoadAsync(ReferenceImageChoice choice, ShotKey shot)
    {
        var file = await new ReferenceImageFiles(Path.GetDirectoryName(choice.AbsolutePath)!).ReadAsync(choice.AbsolutePath, CancellationToken.None);
        return file.Image ?? throw file.Error(shot, choice);
    }

    [Fact]
    public async Task Each_file_is_read_once_however_many_shots_use_it()
    {
        var path = TestImages.Write(folder.Path, "sheet.png", TestImages.Png("sheet"));
        var files = new ReferenceImageFiles(folder.Path);

        var first = await files.ReadAsync(path, CancellationToken.None);
        File.Delete(path);
        var second = await files.ReadAsync(path, CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotNull(second.Image);
        Assert.Equal(64, second.Sha256!.Length);
    }

    [Theory]
    [InlineData("dock.png", false, "image/png")]
    [InlineData("dock.png", true, "image/jpeg")]
    [InlineData("dock.jpg", false, "image/png")]
    [InlineData("dock", true, "image/jpeg")]
    public async Task The_mime_type_comes_from_the_bytes_not_the_name(string fileName, bool jpeg, string expected)
    {
        var bytes = jpeg ? TestImages.Jpeg("dock") : TestImages.Png("dock");

        var image = await Load(fileName, bytes);

        Assert.Equal(expected, image.MimeType);
        Assert.Equal(bytes, image.Bytes);
    }

    [Theory]
    [InlineData("GIF89a-not-accepted")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("x")]
    public async Task Other_content_is_rejected_whatever_the_name(string content)
    {
        var error = await Assert.ThrowsAsync<ShotVideoException>(
            () => Load("dock.png", System.Text.Encoding.ASCII.GetBytes(content)));

        Assert.Equal("ShotVideoReferenceImageNotImage", error.ErrorId);
        Assert.Contains("not a PNG or JPEG", error.Message);
        Assert.Equal(new ShotKey(StoryId, "scenelet-2", 4), error.Shot);
    }

    [Fact]
    public async Task An_image_larger_than_the_api_accepts_is_rejected_and_one_at_the_limit_is_not()
    {
        var atLimit = TestImages.Write(folder.Path, "at-limit.png", TestImages.Png("x"));
        var overLimit = TestImages.Write(folder.Path, "over-limit.png", TestImages.Png("x"));
        // Sparse files: the size without writing 20 MB of data.
        using (var stream = File.OpenWrite(atLimit))
        {
            stream.SetLength(ReferenceImageFiles.MaxImageBytes);
        }

        using (var stream = File.OpenWrite(overLimit))
        {
            stream.SetLength(ReferenceImageFiles.MaxImageBytes + 1);
        }

        var shot = Shot("{}").Key;
        var accepted = await LoadAsync(new ReferenceImageChoice(ReferenceImageKind.KeyFrame, "scenelet-1#2", "at-limit.png", atLimit), shot);
        var error = await Assert.ThrowsAsync<ShotVideoException>(() => LoadAsync(
            new ReferenceImageChoice(ReferenceImageKind.KeyFrame, "scenelet-1#2", "over-limit.png", overLimit), shot));

        Assert.Equal(ReferenceImageFiles.MaxImageBytes, accepted.Bytes.Length);
        Assert.Equal("ShotVideoReferenceImageTooLarge", error.ErrorId);
        Assert.Contains("20,971,521", error.Message);
        Assert.Contains("key frame", error.Message);
    }
}
