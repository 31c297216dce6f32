using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ShotVideo.Testing.Postgres;

/// <summary>
/// PgBouncer in transaction mode in front of the test server: the same pooling Supabase's port 6543 does, so tests can
/// show ShotVideo keeps no session state across transactions. Runs as the postgres user when we are root (PgBouncer
/// refuses root).
/// </summary>
public sealed class TransactionPooler : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private TransactionPooler(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TransactionPooler> StartAsync(PostgresServer server)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"shotvideo-pgbouncer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var ini = Path.Combine(folder, "pgbouncer.ini");
        await File.WriteAllTextAsync(Path.Combine(folder, "users.txt"), "\"postgres\" \"\"\n");
        await File.WriteAllTextAsync(ini, $"""
            [databases]
            * = host=127.0.0.1 port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {folder}/users.txt
            pool_mode = transaction
            max_client_conn = 1000
            default_pool_size = 20
            ignore_startup_parameters = extra_float_digits,options,search_path
            logfile = {folder}/pgbouncer.log
            """);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            using var chown = Process.Start("chown", ["-R", "postgres:", folder]);
            await chown.WaitForExitAsync();
        }

        var start = new ProcessStartInfo(asRoot ? "runuser" : FindPgBouncer()) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in asRoot ? ["-u", "postgres", "--", FindPgBouncer(), ini] : new[] { ini })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var pooler = new TransactionPooler(process, folder, port);
        await pooler.WaitUntilListeningAsync();
        return pooler;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string FindPgBouncer() =>
        new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pgbouncer is not installed (Debian: apt-get install pgbouncer; ./test.sh installs it).");

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"pgbouncer did not start: {await _process.StandardError.ReadToEndAsync()}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
