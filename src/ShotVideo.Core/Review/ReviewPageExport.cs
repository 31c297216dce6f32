using ShotVideo.Database;

namespace ShotVideo.Review;

/// <summary>What Export-ShotVideoReview wrote: the page's file and what it shows.</summary>
/// <param name="Path">The page's full path.</param>
/// <param name="LostClips">Shots whose recorded clip is missing or broken on disk (the page marks them).</param>
public sealed record ReviewPageExport(
    Guid StoryId, string StoryName, string Path, int TotalShots, int ShotsWithClip, int LostClips, double PercentDone, decimal TotalSpendUsd)
{
    /// <summary>
    /// Reads story <paramref name="storyId"/> and writes its review page to <paramref name="pagePath"/> (default
    /// <c>&lt;public&gt;/generated/&lt;story-id&gt;/review.html</c>) in one rename.
    /// </summary>
    internal static async Task<ReviewPageExport> WriteAsync(
        StoryDatabase database, string publicRoot, Guid storyId, string? pagePath, CancellationToken cancellationToken)
    {
        var page = await new ReviewPageBuilder(database, publicRoot).BuildAsync(storyId, cancellationToken).ConfigureAwait(false);
        var written = await ReviewPageWriter.WriteAsync(page, publicRoot, pagePath, cancellationToken).ConfigureAwait(false);
        return new ReviewPageExport(
            page.StoryId, page.StoryName, written, page.TotalShots, page.ShotsWithClip, page.ShotsWithLostClip, page.PercentDone, page.TotalSpendUsd);
    }

    public override string ToString() => Path;
}
