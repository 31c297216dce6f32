namespace ShotVideo.PowerShell.Tests.Host;

/// <summary>A finished shotvideo process: its exit code and what it printed, as lines.</summary>
internal sealed record HostRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r', ' ')).Where(line => line.Length > 0).ToList();
}
