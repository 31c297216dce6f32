using System.Globalization;

namespace ShotVideo.Storage;

/// <summary>
/// Reads a file under the asset root (a reference image) only when it is safe to: its real path, every symbolic link
/// resolved, is inside the root's real path; it is a regular file (a FIFO, device or socket is refused without being
/// opened, as opening one can block forever or read without end); and it is no larger than a cap, checked before
/// reading and enforced while reading. Failures are <see cref="AssetFileException"/>s for the caller to turn into
/// per-shot errors.
/// </summary>
/// <remarks>
/// A file swapped between the checks and the open (a race with someone writing into the asset folder) is not caught;
/// the threat here is what is lying in the folder, e.g. a symbolic link a pipeline step or a person left behind.
/// </remarks>
internal static class SafeAssetFile
{
    /// <summary>As Linux's MAXSYMLINKS: more links than this on one path is a loop.</summary>
    private const int MaxSymbolicLinks = 40;

    /// <summary>
    /// Reads <paramref name="fullPath"/> whole. Throws <see cref="AssetFileException"/>: Unsafe (outside
    /// <paramref name="publicRoot"/> once links are resolved, or not a regular file), TooLarge (more than
    /// <paramref name="maxBytes"/>), Missing or Unreadable.
    /// </summary>
    public static async Task<SafeAssetContent> ReadAsync(string fullPath, string publicRoot, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicRoot);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength);

        string real;
        string rootReal;
        try
        {
            rootReal = RealPath(Absolute(publicRoot));
            real = RealPath(Absolute(fullPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(ex);
        }

        if (!IsInside(real, rootReal))
        {
            throw Unsafe($"resolves to '{real}', outside the asset folder '{rootReal}' (through a symbolic link); ShotVideo does not follow links out of it");
        }

        long size = CheckRegularFile(real);
        if (size > maxBytes)
        {
            throw TooLarge(size, maxBytes);
        }

        try
        {
            await using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            long length = stream.Length;
            if (length > maxBytes)
            {
                throw TooLarge(length, maxBytes);
            }

            var bytes = new byte[length];
            int read = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            // One byte more tells whether the file grew after its length was taken: reading stops at the cap either way.
            if (read < length || await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new AssetFileException(AssetFileProblem.Unreadable, "changed while it was being read; run again once nothing writes it");
            }

            return new SafeAssetContent(bytes, real);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing(ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(ex);
        }
    }

    /// <summary>
    /// Resolves every symbolic link in the absolute <paramref name="path"/> the way realpath(3) does: one component
    /// at a time, following each link's target (relative to the link's folder) and applying '..' to the path resolved
    /// so far. Chosen over <c>FileInfo.ResolveLinkTarget(returnFinalTarget: true)</c>, which follows only the last
    /// component, so a linked parent folder or a '..' after a link would go unnoticed; and it needs no native call.
    /// Components that do not exist are kept as they are.
    /// </summary>
    internal static string RealPath(string path)
    {
        string root = Path.GetPathRoot(path) ?? throw new ArgumentException("The path must be absolute.", nameof(path));
        var pending = new Stack<string>();
        Push(pending, path[root.Length..]);
        string current = root;
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxSymbolicLinks)
            {
                throw Unsafe("goes through too many symbolic links (a loop?)");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        return current;
    }

    /// <summary>Makes a path absolute without Path.GetFullPath, whose lexical '..' would cancel a linked folder before it is resolved.</summary>
    private static string Absolute(string path) =>
        Path.IsPathFullyQualified(path) ? path : Path.Combine(Environment.CurrentDirectory, path);

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar == '/' ? ['/'] : ['/', Path.DirectorySeparatorChar]);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Returns the size of a regular file at the link-free <paramref name="real"/> path; throws for anything else, without opening it.</summary>
    private static long CheckRegularFile(string real)
    {
        (UnixFileKind Kind, long Size)? status;
        try
        {
            status = UnixFileType.Get(real);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Unreadable(ex);
        }

        if (status is { } known)
        {
            return known.Kind switch
            {
                UnixFileKind.Regular => known.Size,
                UnixFileKind.Missing => throw Missing(null),
                _ => throw Unsafe($"is {Describe(known.Kind)}, not a regular file"),
            };
        }

        // Without statx (not Linux): a folder shows as one, and a FIFO, device or socket reports size 0 where .NET can
        // see it; an empty file is refused with them, as it cannot be an image either.
        if (Directory.Exists(real))
        {
            throw Unsafe($"is {Describe(UnixFileKind.Directory)}, not a regular file");
        }

        var info = new FileInfo(real);
        if (!info.Exists)
        {
            throw Missing(null);
        }

        return info.Length > 0 ? info.Length : throw Unsafe("is empty or not a regular file (a pipe, device or socket)");
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.Directory => "a folder",
        UnixFileKind.SymbolicLink => "a symbolic link",
        UnixFileKind.NamedPipe => "a named pipe (FIFO)",
        UnixFileKind.CharacterDevice => "a character device",
        UnixFileKind.BlockDevice => "a block device",
        UnixFileKind.Socket => "a socket",
        _ => "a special file",
    };

    private static AssetFileException Unsafe(string problem) => new(AssetFileProblem.Unsafe, problem);

    private static AssetFileException TooLarge(long size, long maxBytes) =>
        new(AssetFileProblem.TooLarge, string.Format(CultureInfo.InvariantCulture, "is {0:N0} bytes, more than the {1:N0} allowed", size, maxBytes), size);

    private static AssetFileException Missing(Exception? inner) => new(AssetFileProblem.Missing, "does not exist", 0, inner);

    private static AssetFileException Unreadable(Exception inner) => new(AssetFileProblem.Unreadable, inner.Message, 0, inner);
}
