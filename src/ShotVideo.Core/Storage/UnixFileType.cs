using System.Runtime.InteropServices;

namespace ShotVideo.Storage;

/// <summary>What a path is, as <c>statx(2)</c> reports it, without opening it.</summary>
internal enum UnixFileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}

/// <summary>
/// The file type and size of a path on Linux, without opening it. .NET has no API for the file type: on Linux .NET 10
/// <c>FileSystemInfo.Attributes</c> reports a FIFO, a device and a socket as <c>Normal</c>, exactly like a regular
/// file, and <c>UnixFileMode</c> carries only the permission bits; opening a FIFO to look blocks until a writer
/// comes. So this calls libc's <c>statx</c>, whose result layout (unlike <c>struct stat</c>'s) is the same on every
/// Linux architecture. Null when statx is unavailable (not Linux, an old libc, or refused by a sandbox).
/// </summary>
internal static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int ENoEnt = 2;
    private const int EAccess = 13;
    private const int ENotDir = 20;

    /// <summary>The kind and size of <paramref name="path"/>, not following a final symbolic link; null when this cannot be asked.</summary>
    /// <exception cref="UnauthorizedAccessException">A folder on the way may not be searched.</exception>
    public static (UnixFileKind Kind, long Size)? Get(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxBufferSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxSize, buffer);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                ENoEnt or ENotDir => (UnixFileKind.Missing, 0),
                EAccess => throw new UnauthorizedAccessException($"Access to '{path}' is denied."),
                _ => null, // e.g. ENOSYS, or EPERM from a container's seccomp filter
            };
        }

        int mode = BitConverter.ToUInt16(buffer, ModeOffset);
        long size = (long)BitConverter.ToUInt64(buffer, SizeOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            0x1000 => UnixFileKind.NamedPipe,
            0x2000 => UnixFileKind.CharacterDevice,
            0x6000 => UnixFileKind.BlockDevice,
            0xC000 => UnixFileKind.Socket,
            _ => UnixFileKind.Unknown,
        };
        return (kind, size);
    }

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);
    // struct statx: stx_mode (u16) at byte 28, stx_size (u64) at byte 40, 256 bytes in all (linux/stat.h).
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
