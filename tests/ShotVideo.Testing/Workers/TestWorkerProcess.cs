using System.Diagnostics;
using System.Reflection;

namespace ShotVideo.Testing.Workers;

/// <summary>
/// A ShotVideo.TestWorker child process (<c>dotnet ShotVideo.TestWorker.dll …</c>): its output lines as they come,
/// and ways to start it on cue, interrupt it (SIGINT, like Ctrl+C), kill it, and wait for it.
/// </summary>
public sealed class TestWorkerProcess : IAsyncDisposable
{
    private static readonly Lazy<string> s_dll = new(FindDll);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _errors = [];

    private TestWorkerProcess(Process process) => _process = process;

    /// <summary>The worker's dll, built beside this library (same configuration) because this project references it.</summary>
    public static string DllPath => s_dll.Value;

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The finished shots the worker reported.</summary>
    public IReadOnlyList<TestWorkerShot> Shots => Lines.Select(TestWorkerShot.TryParse).OfType<TestWorkerShot>().ToList();

    /// <summary>The fields of the worker's <c>summary</c> line (e.g. generated, claimed, failed); empty before it ends.</summary>
    public IReadOnlyDictionary<string, string> Summary =>
        Lines.LastOrDefault(l => l.StartsWith("summary ", StringComparison.Ordinal)) is { } summary
            ? summary.Split(' ').Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>Everything the worker printed, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines.Concat(_errors.Select(e => "stderr: " + e)));
            }
        }
    }

    /// <summary>Starts a worker; the API key goes in its environment, never on its command line.</summary>
    public static TestWorkerProcess Start(TestWorkerOptions options, string apiKey)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in options.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GEMINI_API_KEY"] = apiKey;
        start.Environment.Remove("SHOTVIDEO_GEMINI_BASE_URL");
        start.Environment.Remove("SHOTVIDEO_DATABASE_URL");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new TestWorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Add(worker._lines, e.Data);
        process.ErrorDataReceived += (_, e) => worker.Add(worker._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for an output line matching <paramref name="match"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && Lines.FirstOrDefault(match) is null)
            {
                throw new InvalidOperationException($"Worker {Id} exited (code {_process.ExitCode}) before printing the line waited for.{Environment.NewLine}{Transcript}");
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Worker {Id} did not print the line waited for within {timeout}.{Environment.NewLine}{Transcript}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until a worker started with <see cref="TestWorkerOptions.WaitForGo"/> is set up.</summary>
    public Task ReadyAsync(TimeSpan timeout) => WaitForLineAsync(l => l == "ready", timeout);

    /// <summary>Lets a ready worker start its run.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Kills the worker at once, as a crash or a power cut would stop it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the worker to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Worker {Id} did not exit within {timeout}.{Environment.NewLine}{Transcript}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            lines.Add(line);
        }
    }

    private static string FindDll()
    {
        var configuration = typeof(TestWorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ShotVideo.sln")))
            {
                var dll = Path.Combine(folder.FullName, "tests", "ShotVideo.TestWorker", "bin", configuration, "net10.0", "ShotVideo.TestWorker.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"The test worker is not built ({dll}); build tests/ShotVideo.TestWorker in {configuration}.", dll);
            }
        }

        throw new DirectoryNotFoundException("The repository root (ShotVideo.sln) was not found above " + AppContext.BaseDirectory);
    }
}
