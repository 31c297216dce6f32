using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ShotVideo.Storage;

namespace ShotVideo.Tests.Storage;

/// <summary>Hostile files under public/: links out of it, pipes, devices, sockets, folders and oversized files.</summary>
[SupportedOSPlatform("linux")]
public sealed class SafeAssetFileTests : IDisposable
{
    private const long Cap = 20L * 1024 * 1024;
    private static readonly byte[] Image = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private readonly TempFolder _temp = new();

    public SafeAssetFileTests()
    {
        Directory.CreateDirectory(Shots);
        Directory.CreateDirectory(Outside);
    }

    private string Public => Path.Combine(_temp.Path, "public");

    private string Shots => Path.Combine(Public, "generated", "story", "shots");

    private string Outside => Path.Combine(_temp.Path, "outside");

    public void Dispose() => _temp.Dispose();

    private string WriteFile(string path, byte[]? bytes = null)
    {
        File.WriteAllBytes(path, bytes ?? Image);
        return path;
    }

    private async Task<AssetFileException> RefusedAsync(string path, long cap = Cap)
    {
        return await Assert.ThrowsAsync<AssetFileException>(() => SafeAssetFile.ReadAsync(path, Public, cap, CancellationToken.None));
    }

    [Fact]
    public async Task A_regular_file_inside_is_read_whole()
    {
        string path = WriteFile(Path.Combine(Shots, "key.png"));

        var content = await SafeAssetFile.ReadAsync(path, Public, Cap, CancellationToken.None);

        Assert.Equal(Image, content.Bytes);
        Assert.Equal(path, content.RealPath);
    }

    [Fact]
    public async Task A_link_inside_to_a_file_inside_is_followed()
    {
        string target = WriteFile(Path.Combine(Public, "generated", "sheet.png"));
        string link = Path.Combine(Shots, "key.png");
        File.CreateSymbolicLink(link, "../../sheet.png");

        var content = await SafeAssetFile.ReadAsync(link, Public, Cap, CancellationToken.None);

        Assert.Equal(Image, content.Bytes);
        Assert.Equal(target, content.RealPath);
    }

    [Fact]
    public async Task The_public_root_may_itself_be_a_link()
    {
        string linkedRoot = Path.Combine(_temp.Path, "public-link");
        Directory.CreateSymbolicLink(linkedRoot, Public);
        WriteFile(Path.Combine(Shots, "key.png"));

        var content = await SafeAssetFile.ReadAsync(Path.Combine(linkedRoot, "generated", "story", "shots", "key.png"), linkedRoot, Cap, CancellationToken.None);

        Assert.Equal(Path.Combine(Shots, "key.png"), content.RealPath);
    }

    public static TheoryData<string> EscapingLinks() => ["absolute", "relative", "parent folder", "chain", "dot-dot after a link"];

    [Theory]
    [MemberData(nameof(EscapingLinks))]
    public async Task A_link_that_leads_outside_is_unsafe(string how)
    {
        string secret = WriteFile(Path.Combine(Outside, "secret.png"));
        string path = Path.Combine(Shots, "key.png");
        switch (how)
        {
            case "absolute":
                File.CreateSymbolicLink(path, secret);
                break;
            case "relative":
                File.CreateSymbolicLink(path, "../../../../outside/secret.png");
                break;
            case "parent folder":
                Directory.Delete(Shots);
                Directory.CreateSymbolicLink(Shots, Outside);
                path = Path.Combine(Shots, "secret.png");
                break;
            case "chain":
                File.CreateSymbolicLink(Path.Combine(Shots, "hop.png"), secret);
                File.CreateSymbolicLink(path, "hop.png");
                break;
            default:
                // shots/deep links to public/, so deep/.. is public's parent, whose outside/ holds the secret (a lexical '..' would cancel 'deep' instead).
                Directory.CreateSymbolicLink(Path.Combine(Shots, "deep"), Public);
                path = Path.Combine(Shots, "deep", "..", "outside", "secret.png");
                break;
        }

        var error = await RefusedAsync(path);

        Assert.Equal(AssetFileProblem.Unsafe, error.Problem);
    }

    [Fact]
    public async Task A_link_loop_is_unsafe()
    {
        File.CreateSymbolicLink(Path.Combine(Shots, "a.png"), "b.png");
        File.CreateSymbolicLink(Path.Combine(Shots, "b.png"), "a.png");

        Assert.Equal(AssetFileProblem.Unsafe, (await RefusedAsync(Path.Combine(Shots, "a.png"))).Problem);
    }

    [Fact]
    public async Task Dev_zero_through_a_link_is_unsafe()
    {
        string link = Path.Combine(Shots, "key.png");
        File.CreateSymbolicLink(link, "/dev/zero");

        Assert.Equal(AssetFileProblem.Unsafe, (await RefusedAsync(link)).Problem);
    }

    [Fact]
    public async Task A_FIFO_is_refused_at_once_without_being_opened()
    {
        string fifo = Path.Combine(Shots, "key.png");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => SafeAssetFile.ReadAsync(fifo, Public, Cap, CancellationToken.None));
        try
        {
            var error = await Assert.ThrowsAsync<AssetFileException>(() => read.WaitAsync(TimeSpan.FromSeconds(1)));
            Assert.Equal(AssetFileProblem.Unsafe, error.Problem);
            Assert.Contains("FIFO", error.Detail);
        }
        finally
        {
            if (!read.IsCompleted)
            {
                // Had it opened the pipe, it would wait for a writer: be one, so the test run is not left hanging.
                await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }
        }
    }

    [Fact]
    public async Task A_socket_is_unsafe()
    {
        string path = Path.Combine(Shots, "key.png");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        Assert.Equal(AssetFileProblem.Unsafe, (await RefusedAsync(path)).Problem);
    }

    [Fact]
    public async Task A_folder_is_unsafe()
    {
        string folder = Path.Combine(Shots, "key.png");
        Directory.CreateDirectory(folder);

        var error = await RefusedAsync(folder);

        Assert.Equal(AssetFileProblem.Unsafe, error.Problem);
        Assert.Contains("folder", error.Detail);
    }

    [Fact]
    public async Task A_21_MB_sparse_file_is_too_large_and_refused_before_reading()
    {
        string path = Path.Combine(Shots, "key.png");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(21L * 1024 * 1024);
        }

        var clock = Stopwatch.StartNew();
        var error = await RefusedAsync(path);

        Assert.Equal(AssetFileProblem.TooLarge, error.Problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_file_of_exactly_the_cap_is_read_and_one_byte_more_is_not()
    {
        string exact = WriteFile(Path.Combine(Shots, "exact.png"), new byte[1000]);
        string over = WriteFile(Path.Combine(Shots, "over.png"), new byte[1001]);

        Assert.Equal(1000, (await SafeAssetFile.ReadAsync(exact, Public, 1000, CancellationToken.None)).Bytes.Length);
        Assert.Equal(AssetFileProblem.TooLarge, (await RefusedAsync(over, cap: 1000)).Problem);
    }

    [Fact]
    public async Task A_missing_file_or_a_dangling_link_inside_is_missing_and_one_pointing_outside_unsafe()
    {
        File.CreateSymbolicLink(Path.Combine(Shots, "dangling.png"), "nowhere.png");
        File.CreateSymbolicLink(Path.Combine(Shots, "dangling-out.png"), Path.Combine(Outside, "nowhere.png"));

        Assert.Equal(AssetFileProblem.Missing, (await RefusedAsync(Path.Combine(Shots, "none.png"))).Problem);
        Assert.Equal(AssetFileProblem.Missing, (await RefusedAsync(Path.Combine(Shots, "no-folder", "none.png"))).Problem);
        Assert.Equal(AssetFileProblem.Missing, (await RefusedAsync(Path.Combine(Shots, "dangling.png"))).Problem);
        Assert.Equal(AssetFileProblem.Unsafe, (await RefusedAsync(Path.Combine(Shots, "dangling-out.png"))).Problem);
    }

    [Fact]
    public void Statx_tells_the_kinds_apart_where_dotnet_attributes_do_not()
    {
        string file = WriteFile(Path.Combine(Shots, "key.png"));
        string link = Path.Combine(Shots, "link.png");
        File.CreateSymbolicLink(link, file);

        Assert.Equal((UnixFileKind.Regular, Image.Length), UnixFileType.Get(file));
        Assert.Equal(UnixFileKind.SymbolicLink, UnixFileType.Get(link)?.Kind);
        Assert.Equal(UnixFileKind.Directory, UnixFileType.Get(Shots)?.Kind);
        Assert.Equal(UnixFileKind.CharacterDevice, UnixFileType.Get("/dev/zero")?.Kind);
        Assert.Equal(UnixFileKind.Missing, UnixFileType.Get(Path.Combine(Shots, "none.png"))?.Kind);
        Assert.Equal(FileAttributes.Normal, File.GetAttributes("/dev/zero")); // why statx is needed
    }
}
