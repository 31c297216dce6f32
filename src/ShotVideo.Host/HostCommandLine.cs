namespace ShotVideo.Host;

/// <summary>What <c>shotvideo</c> was asked to run: a command line (<c>-Command</c>) or a script with its arguments
/// (<c>-File</c>), or to print usage or its version.</summary>
internal sealed record HostCommandLine(string? Command, string? File, IReadOnlyList<string> FileArguments, bool ShowUsage, bool ShowVersion)
{
    public const string Usage =
        """
        Usage: shotvideo -Command "<pipeline>"
               shotvideo -File <script.ps1> [arguments]
               shotvideo -Version

        Runs PowerShell 7.6 with the ShotVideo module imported. Output goes to standard output; errors, WARNING:,
        VERBOSE:, DEBUG: and PROGRESS: lines to standard error. The exit code is the script's 'exit' code, else 1 when an
        error was written, else 2 when Invoke-ShotVideo left shots to other live runs (see -Wait), else 0. Ctrl+C
        (SIGINT) or SIGTERM stops the run cleanly (exit 130 or 143); a second one exits at once.
        """;

    /// <summary>Parses the arguments the way pwsh does: everything after <c>-Command</c> is the command, everything
    /// after <c>-File path</c> goes to the script. Null when the arguments make no sense.</summary>
    public static HostCommandLine? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return new HostCommandLine(null, null, [], ShowUsage: true, ShowVersion: false);
        }

        var name = args[0].TrimStart('-').ToLowerInvariant();
        var rest = args.Skip(1).ToList();
        return name switch
        {
            "command" or "c" when rest.Count > 0 => new HostCommandLine(string.Join(' ', rest), null, [], false, false),
            "file" or "f" when rest.Count > 0 => new HostCommandLine(null, rest[0], rest.Skip(1).ToList(), false, false),
            "help" or "h" or "?" when rest.Count == 0 => new HostCommandLine(null, null, [], ShowUsage: true, ShowVersion: false),
            "version" or "v" when rest.Count == 0 => new HostCommandLine(null, null, [], ShowUsage: false, ShowVersion: true),
            _ => null,
        };
    }
}
