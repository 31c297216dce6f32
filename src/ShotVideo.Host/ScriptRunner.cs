using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.PowerShell;
using ShotVideo.Host.Hosting;

namespace ShotVideo.Host;

/// <summary>Runs one command line or script in a fresh runspace with the ShotVideo module imported, rendering its
/// output through Out-Default (so the module's table views apply) and deciding the process exit code.</summary>
internal static partial class ScriptRunner
{
    /// <summary>The module folder the build copies next to the host.</summary>
    public static string ModulesDirectory => Path.Combine(AppContext.BaseDirectory, "Modules");

    public static string ModuleManifest => Path.Combine(ModulesDirectory, "ShotVideo", "ShotVideo.psd1");

    public static int Run(HostCommandLine commandLine, TextReader input, TextWriter output, TextWriter error)
    {
        var host = new ShotVideoHost(input, output, error);

        // Lets scripts written for pwsh say 'Import-Module ShotVideo' and find this copy.
        var modulePath = Environment.GetEnvironmentVariable("PSModulePath");
        Environment.SetEnvironmentVariable(
            "PSModulePath", string.IsNullOrEmpty(modulePath) ? ModulesDirectory : ModulesDirectory + Path.PathSeparator + modulePath);

        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            // Windows only (elsewhere PowerShell has no execution policy): the host runs the scripts it is given.
            state.ExecutionPolicy = ExecutionPolicy.Bypass;
        }

        state.ImportPSModule(ModuleManifest);

        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;

        if (commandLine.File is { } file)
        {
            var script = Path.GetFullPath(file);
            if (!File.Exists(script))
            {
                host.UI.WriteErrorLine($"The script '{file}' does not exist.");
                return 1;
            }

            powerShell.AddScript(ScriptCall(script, commandLine.FileArguments));
        }
        else
        {
            powerShell.AddScript(commandLine.Command ?? string.Empty);
        }

        // As pwsh does: errors are formatted by Out-Default along with the output and shown through WriteErrorLine.
        powerShell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        powerShell.AddCommand("Out-Default");

        using (var signals = new StopSignals(powerShell, error))
        {
            try
            {
                powerShell.Invoke();
            }
            catch (RuntimeException terminating)
            {
                if (signals.ExitCode is { } stopped)
                {
                    return stopped;
                }

                ShowTerminatingError(runspace, host, terminating);
                return host.ExitCode is { } requested and not 0 ? requested : 1;
            }

            if (signals.ExitCode is { } stoppedQuietly)
            {
                return stoppedQuietly;
            }
        }

        if (host.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        if (commandLine.File is not null && runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int scriptExit and not 0)
        {
            return scriptExit;
        }

        if (host.UI.ErrorWritten)
        {
            return 1;
        }

        // Shots left to other live runs are not done: a scheduled job must not take the run for a success.
        return runspace.SessionStateProxy.GetVariable(LeftToOtherRunsVariable) is int left and > 0 ? LeftToOtherRunsExitCode : 0;
    }

    /// <summary>Exit code when the run ended without errors but left shots to other live runs (see Invoke-ShotVideo -Wait).</summary>
    public const int LeftToOtherRunsExitCode = 2;

    // Set by Invoke-ShotVideo (the module's InvokeShotVideoCommand.LeftToOtherRunsVariable).
    private const string LeftToOtherRunsVariable = "ShotVideoShotsLeftToOtherRuns";

    /// <summary>
    /// The call of the script as pwsh -File makes it: "-Name" and "-Name:" stay parameter names (so values and switches
    /// bind as on a command line), every other argument becomes a single-quoted string literal: nothing the caller
    /// passes is run as code.
    /// </summary>
    private static string ScriptCall(string script, IReadOnlyList<string> arguments)
    {
        var call = new StringBuilder("& ").Append(Quoted(script));
        foreach (var argument in arguments)
        {
            call.Append(' ');
            var colon = argument.IndexOf(':');
            if (ParameterName().IsMatch(argument))
            {
                call.Append(argument);
            }
            else if (colon > 0 && ParameterName().IsMatch(argument[..(colon + 1)]))
            {
                call.Append(argument[..(colon + 1)]).Append(Quoted(argument[(colon + 1)..]));
            }
            else
            {
                call.Append(Quoted(argument));
            }
        }

        return call.ToString();
    }

    private static string Quoted(string value) => "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";

    [GeneratedRegex(@"^-[\p{L}_][\p{L}\p{Nd}_]*:?$")]
    private static partial Regex ParameterName();

    private static void ShowTerminatingError(Runspace runspace, ShotVideoHost host, RuntimeException terminating)
    {
        using var render = PowerShell.Create();
        render.Runspace = runspace;
        var text = render.AddCommand("Out-String").Invoke<string>(new[] { terminating.ErrorRecord }).FirstOrDefault();
        host.UI.WriteErrorLine(string.IsNullOrWhiteSpace(text) ? terminating.Message : text.TrimEnd());
    }
}
