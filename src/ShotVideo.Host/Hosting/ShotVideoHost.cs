using System.Globalization;
using System.Management.Automation.Host;

namespace ShotVideo.Host.Hosting;

/// <summary>
/// The PSHost of <c>shotvideo</c>: a non-interactive console host. Without a host PowerShell prints no "What if:" lines,
/// no warnings or progress, and cannot prompt; this one writes them to text writers (see
/// <see cref="ShotVideoHostUserInterface"/>) and records the code given to <c>exit</c>.
/// </summary>
internal sealed class ShotVideoHost(TextReader input, TextWriter output, TextWriter error) : PSHost
{
    private readonly ShotVideoHostUserInterface _ui = new(input, output, error);

    public override string Name => "ShotVideo";

    public override Version Version { get; } = typeof(ShotVideoHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override ShotVideoHostUserInterface UI => _ui;

    /// <summary>The code a top-level <c>exit</c> asked for, if any.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() =>
        throw new NotSupportedException("shotvideo is not interactive: nested prompts (e.g. $host.EnterNestedPrompt(), debugger breaks) are not available.");

    public override void ExitNestedPrompt() =>
        throw new NotSupportedException("shotvideo is not interactive: there is no nested prompt to exit.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
