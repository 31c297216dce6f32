using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace ShotVideo.Database;

/// <summary>
/// The database ShotVideo uses when none is configured: a PostgreSQL cluster it manages itself in a per-user folder,
/// listening on 127.0.0.1 only and started on demand, so a new user can try the tool with no cloud account.
/// </summary>
internal static class LocalDatabase
{
    /// <summary>Overrides the folder that holds the local cluster.</summary>
    public const string FolderVariable = "SHOTVIDEO_LOCAL_DATABASE_DIR";

    private const string Superuser = "shotvideo";
    private const int PreferredPort = 54329;
    private static int s_noticeGiven;

    /// <summary>The folder for this user: the override, else the XDG data folder; root's is under /var/lib.</summary>
    public static string DefaultFolder()
    {
        var configured = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        // PostgreSQL runs as the postgres user when we are root, and it cannot enter /root.
        if (Environment.IsPrivilegedProcess)
        {
            return "/var/lib/shotvideo";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(
            string.IsNullOrWhiteSpace(dataHome)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                : dataHome,
            "shotvideo");
    }

    /// <summary>Initialises (when <paramref name="createIfMissing"/>) and starts the cluster as needed and returns
    /// settings that reach it.</summary>
    /// <exception cref="ShotVideoException">ShotVideoNoLocalDatabase: it does not exist and may not be created.</exception>
    public static async Task<DatabaseSettings> EnsureRunningAsync(
        string folder, Action<string>? notice, CancellationToken cancellationToken, bool createIfMissing = true)
    {
        // Checked before anything is written: -WhatIf and tab completion must leave no folder behind.
        if (!createIfMissing && !IsInitialized(folder))
        {
            throw ShotVideoErrors.NoLocalDatabase(folder);
        }

        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The server runs as the postgres user, which must be able to reach its data folder inside this one.
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
            if (!await PostgresCluster.ServiceUserCanEnterAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                throw ShotVideoErrors.LocalDatabaseFolderUnreachable(folder, ClosedAncestor(folder));
            }
        }

        using (await AcquireFolderLockAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            var passwordFile = Path.Combine(folder, "password");
            var portFile = Path.Combine(folder, "port");
            var port = File.Exists(portFile) ? int.Parse(File.ReadAllText(portFile).Trim()) : ChoosePort();
            var cluster = new PostgresCluster(Path.Combine(folder, "pgdata"), port);
            if (!cluster.IsInitialized)
            {
                await InitializeAsync(cluster, passwordFile, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(portFile, port.ToString(), cancellationToken).ConfigureAwait(false);
            }

            var settings = DatabaseSettings.Parse(new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = Superuser,
                Password = (await File.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false)).Trim(),
                Database = "postgres",
            }.ConnectionString);

            if (!await AcceptsConnectionsAsync(settings, cancellationToken).ConfigureAwait(false))
            {
                await cluster.StartAsync([], cancellationToken).ConfigureAwait(false);
            }

            if (notice is not null && Interlocked.Exchange(ref s_noticeGiven, 1) == 0)
            {
                // The server outlives the command on purpose (the next one starts fast); say so, and how to stop it.
                notice($"Using ShotVideo's local PostgreSQL database in {folder} (127.0.0.1:{port}). "
                    + "It keeps running after this command; Stop-ShotVideoLocalDatabase stops it, Get-ShotVideoLocalDatabase shows it. "
                    + $"To use a Supabase database instead, set {DatabaseSettings.EnvironmentVariable} to its postgresql:// URI or pass -Database.");
            }

            return settings;
        }
    }

    /// <summary>Whether the cluster in <paramref name="folder"/> exists and runs, its port and size; changes nothing.</summary>
    public static async Task<LocalDatabaseStatus> GetStatusAsync(string folder, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(folder, "pgdata");
        if (!IsInitialized(folder))
        {
            return new LocalDatabaseStatus(folder, Exists: false, Running: false, Port: null, DataSizeBytes: 0);
        }

        var portFile = Path.Combine(folder, "port");
        int? port = File.Exists(portFile) && int.TryParse((await File.ReadAllTextAsync(portFile, cancellationToken).ConfigureAwait(false)).Trim(), out var read)
            ? read
            : null;
        // postmaster.pid is left behind by a crash, so a server counts as running only when its port also answers.
        var running = port is { } listening
            && File.Exists(Path.Combine(dataDirectory, "postmaster.pid"))
            && await PortAnswersAsync(listening, cancellationToken).ConfigureAwait(false);
        return new LocalDatabaseStatus(folder, Exists: true, running, port, SizeOf(dataDirectory));
    }

    /// <summary>
    /// Stops the server of the cluster in <paramref name="folder"/> if it runs (a fast shutdown: sessions are ended,
    /// the data is flushed) and returns the status afterwards. The next command that needs it starts it again.
    /// </summary>
    public static async Task<LocalDatabaseStatus> StopAsync(string folder, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(folder, cancellationToken).ConfigureAwait(false);
        if (!status.Running || status.Port is not { } port)
        {
            return status;
        }

        using (await AcquireFolderLockAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            await new PostgresCluster(Path.Combine(folder, "pgdata"), port).StopAsync(cancellationToken, mode: "fast").ConfigureAwait(false);
        }

        return await GetStatusAsync(folder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cluster in <paramref name="folder"/> has been initialised (its data folder is complete).</summary>
    public static bool IsInitialized(string folder) => File.Exists(Path.Combine(folder, "pgdata", "PG_VERSION"));

    private static async Task<bool> PortAnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static long SizeOf(string directory)
    {
        // As root the data folder belongs to the postgres user; a file that cannot be read is left out of the sum.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles("*", options).Sum(file => file.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The outermost folder above <paramref name="folder"/> that others may not enter (no o+x), if any: the
    /// likely reason the postgres user cannot reach it.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string? ClosedAncestor(string folder)
    {
        string? closed = null;
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(folder)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if ((File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                closed = parent;
            }
        }

        return closed;
    }

    private static async Task InitializeAsync(PostgresCluster cluster, string passwordFile, CancellationToken cancellationToken)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        // A password left by an initialisation that did not finish belongs to no cluster; the folder lock is held.
        File.Delete(passwordFile);
        await WritePrivateFileAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);

        // initdb reads the password from a file; when it runs as the postgres user it needs a copy it may read.
        var initdbPasswordFile = Path.Combine(Path.GetTempPath(), $"shotvideo-initdb-{Guid.NewGuid():N}");
        try
        {
            await WritePrivateFileAsync(initdbPasswordFile, password, cancellationToken).ConfigureAwait(false);
            await cluster.ShareWithServiceUserAsync(initdbPasswordFile, cancellationToken).ConfigureAwait(false);
            await cluster.InitializeAsync(Superuser, initdbPasswordFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(initdbPasswordFile);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist) readable and writable by this user only from the
    /// moment it exists: setting the mode after writing would leave the secret readable under the umask meanwhile.
    /// </summary>
    internal static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AcceptsConnectionsAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.Builder.ConnectionString) { Timeout = 3, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static int ChoosePort()
    {
        for (var port = PreferredPort; port < PreferredPort + 20; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }

    /// <summary>Serialises initialisation and start-up between processes that open the local database at once.</summary>
    private static async Task<FileStream> AcquireFolderLockAsync(string folder, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(folder, ".lock");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
