using ShotVideo.Storage;

namespace ShotVideo.Review;

/// <summary>
/// A file path relative to the web app's <c>public/</c> folder, with forward slashes and no part that could leave it.
/// The database stores clip paths relative to <c>public/</c> but key frames and reference images relative to
/// <c>public/generated</c>; one type for both keeps the review page from mixing them up.
/// </summary>
internal sealed record PublicPath
{
    private const string GeneratedFolder = "generated";

    private PublicPath(string value) => Value = value;

    /// <summary>The path, e.g. <c>generated/&lt;story-id&gt;/shots/scenelet-1/shot-1.mp4</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// A path stored relative to <c>public/</c> (<c>shots.video_file_path</c>). Throws <c>ShotVideoUnsafePath</c> when
    /// it is absolute, uses backslashes, or has empty, <c>.</c> or <c>..</c> parts.
    /// </summary>
    /// <param name="what">What the path is, for the message, e.g. "clip of scenelet-1 shot 2".</param>
    public static PublicPath FromPublic(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith('/') || Path.IsPathRooted(path))
        {
            throw Unsafe(what, path, "it is absolute");
        }

        foreach (var segment in path.Split('/'))
        {
            if (AssetRoot.SegmentProblem(segment) is { } problem)
            {
                throw Unsafe(what, path, problem);
            }
        }

        return new PublicPath(path);
    }

    /// <summary>
    /// A path stored relative to <c>public/generated</c> (key frames, reference images); a leading <c>generated/</c>
    /// is tolerated, as everywhere else in ShotVideo.
    /// </summary>
    public static PublicPath FromGenerated(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(GeneratedFolder + "/", StringComparison.Ordinal)
            ? FromPublic(path, what)
            : FromPublic($"{GeneratedFolder}/{path}", what);
    }

    /// <summary>The file on this machine under <paramref name="publicRoot"/>.</summary>
    public string Under(string publicRoot) =>
        Path.Combine([Path.GetFullPath(publicRoot), .. Value.Split('/')]);

    public override string ToString() => Value;

    private static ShotVideoException Unsafe(string what, string value, string problem) => ShotVideoErrors.UnsafePath(what, value, problem, null, null);
}
