using System.Net;
using System.Net.Sockets;
using Npgsql;
using ShotVideo.Database;

namespace ShotVideo.Testing.Postgres;

/// <summary>
/// One private PostgreSQL server per test run: a temporary data folder, a random loopback port, trust auth, tuned
/// for speed over durability. Each test class asks it for a fresh database. It is stopped and removed at process exit.
/// Tests that stop or restart a server start one of their own (<see cref="StartOwnAsync"/>), so other tests running
/// in parallel on the shared one are not disturbed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> s_shared = new(() => StartAsync(durableCommits: false));
    private static int s_databaseCounter;

    private readonly PostgresCluster _cluster;
    private readonly string[] _settings;
    private int _tornDown;

    private PostgresServer(PostgresCluster cluster, string root, string[] settings)
    {
        _cluster = cluster;
        Root = root;
        _settings = settings;
    }

    /// <summary>The run's server, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => s_shared.Value;

    /// <summary>A server for the caller alone; disposing it stops and removes it (so does process exit, if it was not).</summary>
    /// <remarks>
    /// Unlike the shared server it keeps <c>synchronous_commit</c> on: a test that kills the server must not lose
    /// transactions already reported committed, which no real server does.
    /// </remarks>
    public static Task<PostgresServer> StartOwnAsync() => StartAsync(durableCommits: true);

    public string Root { get; }

    public int Port => _cluster.Port;

    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _cluster.Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string; <paramref name="migrate"/> applies the migrations.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrate = true)
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref s_databaseCounter)}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = ConnectionString(name);
        if (migrate)
        {
            await using var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
            await database.MigrateAsync(CancellationToken.None);
        }

        return connectionString;
    }

    /// <summary>Stops and starts the server in place (for tests of dropped connections).</summary>
    public async Task RestartAsync()
    {
        await _cluster.StopAsync(CancellationToken.None);
        await _cluster.StartAsync(_settings, CancellationToken.None);
    }

    // Speed over durability: the machine does not crash during a test run, so fsync is not needed; with durable
    // commits, a commit is at least in the kernel before it is reported, so a killed server keeps it.
    private static string[] SettingsFor(bool durableCommits) =>
        ["fsync=off", $"synchronous_commit={(durableCommits ? "on" : "off")}", "full_page_writes=off", "max_connections=300", "log_min_messages=warning"];

    private static async Task<PostgresServer> StartAsync(bool durableCommits)
    {
        var root = Path.Combine(Path.GetTempPath(), $"shotvideo-test-pg-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(root, "data"), FreePort());
        Directory.CreateDirectory(root);
        await cluster.InitializeAsync("postgres", passwordFile: null, CancellationToken.None);
        var settings = SettingsFor(durableCommits);
        await cluster.StartAsync(settings, CancellationToken.None);
        var server = new PostgresServer(cluster, root, settings);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.TearDown();
        return server;
    }

    /// <summary>Stops and removes a server from <see cref="StartOwnAsync"/>. The shared server must not be disposed.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(TearDown);

    private void TearDown()
    {
        if (Interlocked.Exchange(ref _tornDown, 1) == 1)
        {
            return;
        }

        try
        {
            _cluster.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
