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

    /// <summary>Initialises and starts the cluster as needed and returns settings that reach it.</summary>
    public static async Task<DatabaseSettings> EnsureRunningAsync(string folder, Action<string>? notice, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The server runs as the postgres user, which must be able to reach its data folder inside this one.
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
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
                notice($"Using ShotVideo's local PostgreSQL database in {folder} (127.0.0.1:{port}). "
                    + $"To use a Supabase database instead, set {DatabaseSettings.EnvironmentVariable} to its postgresql:// URI or pass -Database.");
            }

            return settings;
        }
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
