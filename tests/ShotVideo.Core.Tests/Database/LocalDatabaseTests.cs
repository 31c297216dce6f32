using ShotVideo.Database;

namespace ShotVideo.Tests.Database;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalDatabaseTests
{
    [Fact]
    public async Task InitialisesStartsAndReusesAPerUserClusterOnLoopback()
    {
        var folder = Directory.CreateTempSubdirectory("shotvideo-local-").FullName;
        var notices = new List<string>();
        try
        {
            var settings = await LocalDatabase.EnsureRunningAsync(folder, notices.Add, default);
            await using (var database = StoryDatabase.Open(settings))
            {
                await database.MigrateAsync(default);
                Assert.Empty(await database.Stories.ListStoriesAsync(default));
            }

            var again = await LocalDatabase.EnsureRunningAsync(folder, notices.Add, default);

            Assert.Equal("127.0.0.1", settings.Host);
            Assert.Equal(settings.ToString(), again.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "pgdata", "PG_VERSION")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "password")));
            Assert.Contains("listen_addresses=127.0.0.1", await File.ReadAllTextAsync(Path.Combine(folder, "pgdata", "postmaster.opts")));
            var notice = Assert.Single(notices);
            Assert.Contains(folder, notice);
            Assert.Contains("Stop-ShotVideoLocalDatabase", notice);

            var running = await LocalDatabase.GetStatusAsync(folder, default);
            Assert.Equal((folder, true, true, settings.Port), (running.Folder, running.Exists, running.Running, running.Port));
            Assert.True(running.DataSizeBytes > 1_000_000, $"{running.DataSizeBytes} bytes");
            var stopped = await LocalDatabase.StopAsync(folder, default);
            Assert.Equal((true, false, settings.Port), (stopped.Exists, stopped.Running, stopped.Port));
            // Its data stays: the next open starts it again.
            await LocalDatabase.EnsureRunningAsync(folder, notice: null, default, createIfMissing: false);
            Assert.True((await LocalDatabase.GetStatusAsync(folder, default)).Running);
            Assert.Contains(DatabaseSettings.EnvironmentVariable, notice);
            Assert.DoesNotContain(await File.ReadAllTextAsync(Path.Combine(folder, "password")), notice);
        }
        finally
        {
            var port = int.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "port")));
            await new PostgresCluster(Path.Combine(folder, "pgdata"), port).StopAsync(default);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AMissingLocalDatabaseIsNotCreatedWhenCreationIsNotAllowed()
    {
        using var parent = new Storage.TempFolder();
        var folder = Path.Combine(parent.Path, "local");

        var refused = await Assert.ThrowsAsync<ShotVideoException>(() => LocalDatabase.EnsureRunningAsync(folder, null, default, createIfMissing: false));
        var status = await LocalDatabase.GetStatusAsync(folder, default);

        Assert.Equal("ShotVideoNoLocalDatabase", refused.ErrorId);
        Assert.Equal(new LocalDatabaseStatus(folder, false, false, null, 0), status);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task AFolderThePostgresUserCannotReachIsReportedWithTheClosedFolderBeforeAnythingIsInitialised()
    {
        // Only root runs the server as another user (postgres); CI runs the suite as root.
        Assert.True(Environment.IsPrivilegedProcess, "This test needs root, as CI runs it.");
        using var parent = new Storage.TempFolder();
        var closed = Path.Combine(parent.Path, "closed");
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var folder = Path.Combine(closed, "local");

        var refused = await Assert.ThrowsAsync<ShotVideoException>(() => LocalDatabase.EnsureRunningAsync(folder, null, default));

        Assert.Equal("ShotVideoLocalDatabaseFolderUnreachable", refused.ErrorId);
        Assert.Equal(ShotVideoErrorKind.PermissionDenied, refused.Kind);
        Assert.Contains($"chmod o+x {closed}", refused.RecommendedAction, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "pgdata")));
    }

    [Fact]
    public async Task ThePasswordFileIsCreatedPrivateAndNeverOverwritten()
    {
        using var folder = new Storage.TempFolder();
        var path = Path.Combine(folder.Path, "password");

        await LocalDatabase.WritePrivateFileAsync(path, "first-secret", default);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("first-secret", await File.ReadAllTextAsync(path));
        await Assert.ThrowsAsync<IOException>(() => LocalDatabase.WritePrivateFileAsync(path, "second-secret", default));
        Assert.Equal("first-secret", await File.ReadAllTextAsync(path));
    }
}
