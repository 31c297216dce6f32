namespace ShotVideo.Storage;

/// <summary>
/// The web app's <c>public/</c> folder and the only way ShotVideo turns ids and stored paths into file paths under it.
/// Ids and paths come from model output and people, so anything that could leave the folder is rejected, never followed.
/// </summary>
internal sealed class AssetRoot
{
    private const string GeneratedFolder = "generated";

    public AssetRoot(string publicRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicRoot);
        PublicRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(publicRoot));
        GeneratedRoot = Path.Combine(PublicRoot, GeneratedFolder);
    }

    /// <summary>Absolute path of <c>public/</c>.</summary>
    public string PublicRoot { get; }

    /// <summary>Absolute path of <c>public/generated</c>, the folder stored asset paths are relative to.</summary>
    public string GeneratedRoot { get; }

    /// <summary>
    /// Resolves a stored asset path (relative to <c>public/generated</c>, a leading <c>generated/</c> tolerated) to an
    /// absolute path, or throws <c>ShotVideoUnsafePath</c> when it is absolute, uses backslashes, or has <c>..</c>,
    /// <c>.</c> or empty segments.
    /// </summary>
    /// <param name="what">What the path is, for the message, e.g. "model sheet of character 'rhea'".</param>
    public string ResolveGenerated(string storedPath, string what, Guid storyId, ShotKey? shot)
    {
        var relative = storedPath.StartsWith(GeneratedFolder + "/", StringComparison.Ordinal)
            ? storedPath[(GeneratedFolder.Length + 1)..]
            : storedPath;
        if (Path.IsPathRooted(relative) || relative.StartsWith('/'))
        {
            throw ShotVideoErrors.UnsafePath(what, storedPath, "it is absolute", storyId, shot);
        }

        foreach (var segment in relative.Split('/'))
        {
            if (SegmentProblem(segment) is { } problem)
            {
                throw ShotVideoErrors.UnsafePath(what, storedPath, problem, storyId, shot);
            }
        }

        var full = Path.GetFullPath(Path.Combine(GeneratedRoot, relative));
        // The segment rules already keep the path inside; this second check guards against platform path quirks.
        if (!full.StartsWith(GeneratedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw ShotVideoErrors.UnsafePath(what, storedPath, "it resolves outside public/generated", storyId, shot);
        }

        return full;
    }

    /// <summary>Throws <c>ShotVideoUnsafePath</c> unless <paramref name="id"/> is usable as one folder or file name.</summary>
    public static void CheckSegment(string id, string what, Guid storyId, ShotKey? shot)
    {
        if (SegmentProblem(id) is { } problem)
        {
            throw ShotVideoErrors.UnsafePath(what, id, problem, storyId, shot);
        }
    }

    /// <summary>Why <paramref name="segment"/> cannot be one folder or file name under the asset root, or null when it can.</summary>
    internal static string? SegmentProblem(string segment)
    {
        if (string.IsNullOrWhiteSpace(segment))
        {
            return "it has an empty part";
        }

        if (segment is "." or "..")
        {
            return $"it contains '{segment}'";
        }

        if (segment.Contains('/') || segment.Contains('\\'))
        {
            return "it contains a path separator";
        }

        // ':' makes drive-relative paths and alternate data streams on Windows; control characters are never intended.
        if (segment.Contains(':') || segment.Any(char.IsControl))
        {
            return "it contains ':' or a control character";
        }

        return null;
    }
}
