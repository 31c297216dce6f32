using System.Text;

namespace ShotVideo.Review;

/// <summary>Writes the review page file in one rename, so the web app never serves a half-written page.</summary>
internal static class ReviewPageWriter
{
    /// <summary>
    /// Renders <paramref name="page"/> for <paramref name="pagePath"/> (default
    /// <c>&lt;public&gt;/generated/&lt;story-id&gt;/review.html</c>), creating its folder, and returns the file's full path.
    /// </summary>
    public static async Task<string> WriteAsync(ReviewPage page, string publicRoot, string? pagePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.GetFullPath(pagePath ?? ReviewPageLocation.DefaultPath(publicRoot, page.StoryId));
        var html = ReviewPageRenderer.Render(page, ReviewPageLocation.ForFile(publicRoot, path));
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // Beside the target, so the rename never crosses file systems.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken)
                .ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }
}
