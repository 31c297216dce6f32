using ShotVideo.Review;
using ShotVideo.Tests.Storage;
using static ShotVideo.Tests.Review.ReviewPages;

namespace ShotVideo.Tests.Review;

public sealed class ReviewPageWriterTests
{
    private static readonly ReviewPage Page = ReviewPages.Page(
        "Story", new ReviewScenelet("scenelet-1", 1, [Shot(1, ReviewShotStatus.Generated, clip: true)]));

    [Fact]
    public async Task Writes_beside_the_clips_by_default_and_leaves_nothing_else()
    {
        using var temp = new TempFolder();
        var publicRoot = Path.Combine(temp.Path, "public");

        var written = await ReviewPageWriter.WriteAsync(Page, publicRoot, null, default);

        Assert.Equal(Path.Combine(publicRoot, "generated", Story, "review.html"), written);
        Assert.Equal([$"public/generated/{Story}/review.html"], temp.Files());
        Assert.Equal(ReviewPageRenderer.Render(Page, $"generated/{Story}"), await File.ReadAllTextAsync(written));
    }

    [Fact]
    public async Task Writes_a_page_elsewhere_with_links_back_into_public_and_replaces_an_older_page()
    {
        using var temp = new TempFolder();
        var publicRoot = Path.Combine(temp.Path, "public");
        var pagePath = Path.Combine(temp.Path, "reviews", "story.html");
        Directory.CreateDirectory(Path.GetDirectoryName(pagePath)!);
        await File.WriteAllTextAsync(pagePath, "old page");

        await ReviewPageWriter.WriteAsync(Page, publicRoot, pagePath, default);

        Assert.Equal(["reviews/story.html"], temp.Files());
        var video = Parse(await File.ReadAllTextAsync(pagePath)).QuerySelector("video.clip")!;
        Assert.Equal($"../public/generated/{Story}/shots/scenelet-1/shot-1.mp4", video.GetAttribute("src"));
    }
}
