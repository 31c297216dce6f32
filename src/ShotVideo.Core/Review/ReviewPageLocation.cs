namespace ShotVideo.Review;

/// <summary>
/// Where the review page file sits relative to the web app's <c>public/</c> folder. Every link on the page is
/// relative, so the same file works opened from disk and served by the web app, and keeps working when the folders
/// move together.
/// </summary>
internal sealed class ReviewPageLocation
{
    /// <summary>The page's file name in its default folder.</summary>
    public const string DefaultFileName = "review.html";

    // Below public/: the page folder's segments (empty for public/ itself). Outside it: the climb from the page
    // folder to public/, e.g. ["..", "public"].
    private readonly string[] folderInPublic;
    private readonly string[]? climbToPublic;

    private ReviewPageLocation(string[] folderInPublic, string[]? climbToPublic)
    {
        this.folderInPublic = folderInPublic;
        this.climbToPublic = climbToPublic;
    }

    /// <summary>The page's default folder relative to <c>public/</c>: beside the story's clips, so the web app serves it.</summary>
    public static string DefaultFolder(Guid storyId) => $"generated/{storyId:D}";

    /// <summary>The page's default file: <c>&lt;public&gt;/generated/&lt;story-id&gt;/review.html</c>.</summary>
    public static string DefaultPath(string publicRoot, Guid storyId) =>
        Path.Combine(Path.GetFullPath(publicRoot), "generated", storyId.ToString("D"), DefaultFileName);

    /// <summary>
    /// A page in a folder below <c>public/</c>, e.g. <c>generated/&lt;story-id&gt;</c>; empty for <c>public/</c> itself.
    /// Throws <c>ShotVideoUnsafePath</c> for a folder that would leave <c>public/</c>.
    /// </summary>
    public static ReviewPageLocation InPublicFolder(string folderRelativeToPublic)
    {
        ArgumentNullException.ThrowIfNull(folderRelativeToPublic);
        var folder = folderRelativeToPublic.TrimEnd('/');
        return folder.Length == 0
            ? new ReviewPageLocation([], null)
            : new ReviewPageLocation(PublicPath.FromPublic(folder, "review page folder").Value.Split('/'), null);
    }

    /// <summary>
    /// A page file anywhere on this machine. Throws <see cref="ArgumentException"/> when no relative link can reach
    /// <paramref name="publicRoot"/> from it (another drive on Windows).
    /// </summary>
    public static ReviewPageLocation ForFile(string publicRoot, string pagePath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(publicRoot));
        var folder = Path.GetDirectoryName(Path.GetFullPath(pagePath))
            ?? throw new ArgumentException($"The review page path '{pagePath}' names no file.", nameof(pagePath));
        var fromRoot = Path.GetRelativePath(root, folder);
        if (Path.IsPathRooted(fromRoot))
        {
            throw new ArgumentException(
                $"The review page '{pagePath}' is on another drive than the public folder '{root}', so its links could not be relative.",
                nameof(pagePath));
        }

        if (fromRoot == ".")
        {
            return new ReviewPageLocation([], null);
        }

        var segments = Split(fromRoot);
        return segments[0] == ".."
            ? new ReviewPageLocation([], Split(Path.GetRelativePath(folder, root)))
            : new ReviewPageLocation(segments, null);
    }

    /// <summary>The relative URL of <paramref name="path"/> from the page, each segment percent-encoded.</summary>
    public string UrlFor(PublicPath path)
    {
        var target = path.Value.Split('/');
        if (climbToPublic is not null)
        {
            return string.Join('/', climbToPublic.Concat(target).Select(Encode));
        }

        // Shared leading folders need no climbing; the last target segment is the file, never a shared folder.
        var shared = 0;
        while (shared < folderInPublic.Length && shared < target.Length - 1 && folderInPublic[shared] == target[shared])
        {
            shared++;
        }

        return string.Join('/', Enumerable.Repeat("..", folderInPublic.Length - shared).Concat(target.Skip(shared).Select(Encode)));
    }

    private static string[] Split(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string Encode(string segment) => segment == ".." ? segment : Uri.EscapeDataString(segment);
}
