using System.Diagnostics;

namespace ShotVideo.Database;

/// <summary>
/// A PostgreSQL cluster run from this machine's own binaries (initdb, pg_ctl): used by the local default database and
/// by the test harness. PostgreSQL refuses to run as root, so as root the tools run as the <c>postgres</c> system user.
/// </summary>
internal sealed class PostgresCluster
{
    private const string ServiceUser = "postgres";

    private readonly string _binDirectory;

    public PostgresCluster(string dataDirectory, int port)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _binDirectory = FindBinDirectory();
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The server's log, inside the data folder so the service user can write it.</summary>
    public string LogFile => Path.Combine(DataDirectory, "postgresql.log");

    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    private static bool RunsAsRoot => Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows();

    /// <summary>The folder holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var packaged = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return packaged ?? throw ShotVideoErrors.PostgresNotInstalled();
    }

    /// <summary>Creates the data folder and runs initdb with a superuser whose password is read from a file.</summary>
    public async Task InitializeAsync(string superuser, string? passwordFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{ServiceUser}:", DataDirectory], asServiceUser: false, cancellationToken).ConfigureAwait(false);
        }

        List<string> args = ["-D", DataDirectory, "-U", superuser, "-E", "UTF8", "--no-locale", "--no-sync"];
        args.AddRange(passwordFile is null
            ? ["--auth=trust"]
            : ["--auth-local=scram-sha-256", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}"]);
        await RunAsync(Path.Combine(_binDirectory, "initdb"), args, asServiceUser: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server on 127.0.0.1 only, with its socket inside the data folder, and waits until it accepts connections.</summary>
    public Task StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var options = string.Join(' ', new[] { "-c listen_addresses=127.0.0.1", $"-p {Port}", $"-k {DataDirectory}" }
            .Concat(settings.Select(setting => $"-c {setting}")));
        return RunAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"],
            asServiceUser: true,
            cancellationToken);
    }

    /// <param name="mode">pg_ctl's shutdown mode: "immediate" for throwaway clusters, "fast" for data that is kept.</param>
    public Task StopAsync(CancellationToken cancellationToken, string mode = "immediate") =>
        RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "stop"], asServiceUser: true, cancellationToken);

    /// <summary>Makes a file readable by the service user (e.g. initdb's password file) when running as root.</summary>
    public async Task ShareWithServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{ServiceUser}:", path], asServiceUser: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the service user may enter <paramref name="folder"/>, which needs search permission on every folder on
    /// the way. Asked of the system rather than worked out from mode bits, which do not tell owners and groups apart.
    /// Always true when not root: then the server runs as this user.
    /// </summary>
    public static async Task<bool> ServiceUserCanEnterAsync(string folder, CancellationToken cancellationToken) =>
        !RunsAsRoot || (await ExecuteAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", folder], cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken)
    {
        var (exitCode, output) = asServiceUser && RunsAsRoot
            ? await ExecuteAsync("runuser", ["-u", ServiceUser, "--", fileName, .. arguments], cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw ShotVideoErrors.LocalDatabaseFailed(Path.GetFileName(fileName), exitCode, DataDirectory, output);
        }
    }

    /// <returns>The exit code, and standard error then standard output.</returns>
    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, $"{(await error.ConfigureAwait(false)).Trim()}{Environment.NewLine}{(await output.ConfigureAwait(false)).Trim()}");
    }
}
