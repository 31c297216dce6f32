using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ShotVideo.Host.Hosting;

namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>
/// Runs a script in a fresh runspace of the real PowerShell engine with the built module imported, and captures every
/// stream: output objects, errors, warnings, verbose, debug, information and progress records, the terminating error if
/// any, and what the host was asked to show (the "What if:" lines, which PowerShell writes only to a host). The host is
/// shotvideo's own PSHost, writing into strings.
/// </summary>
internal static class ScriptHarness
{
    /// <param name="variables">Set in the runspace before the script runs (e.g. a connection string as <c>$Database</c>).</param>
    /// <param name="whileRunning">When given, the script runs asynchronously and this is called with the running
    /// PowerShell (e.g. to wait for a progress record and then <c>Stop()</c> it); the result is collected afterwards.</param>
    /// <param name="input">What the host's prompts read (e.g. answers to -Confirm).</param>
    public static ScriptResult Run(
        string script, IReadOnlyDictionary<string, object?>? variables = null, Action<System.Management.Automation.PowerShell>? whileRunning = null, string input = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new ShotVideoHost(new StringReader(input), output, error);
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(BuildOutputs.ModuleManifest);
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            state.Variables.Add(new SessionStateVariableEntry(name, value, description: null));
        }

        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var powerShell = System.Management.Automation.PowerShell.Create();
        powerShell.Runspace = runspace;
        powerShell.AddScript(script);

        Collection<PSObject> results = [];
        ErrorRecord? terminating = null;
        try
        {
            if (whileRunning is null)
            {
                results = powerShell.Invoke();
            }
            else
            {
                var outputBuffer = new PSDataCollection<PSObject>();
                var running = powerShell.BeginInvoke<PSObject, PSObject>(input: null, outputBuffer);
                whileRunning(powerShell);
                powerShell.EndInvoke(running);
                results = new Collection<PSObject>(outputBuffer.ToList());
            }
        }
        catch (RuntimeException exception)
        {
            terminating = exception.ErrorRecord;
        }

        var hostLines = Lines(output.ToString());
        return new ScriptResult(
            results.ToList(),
            powerShell.Streams.Error.ToList(),
            powerShell.Streams.Warning.Select(record => record.Message).ToList(),
            powerShell.Streams.Verbose.Select(record => record.Message).ToList(),
            powerShell.Streams.Progress.ToList(),
            powerShell.Streams.Information.ToList(),
            hostLines.Where(line => line.StartsWith("What if:", StringComparison.Ordinal)).ToList(),
            hostLines,
            Lines(error.ToString()),
            terminating,
            powerShell.InvocationStateInfo.State);
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
}

/// <summary>Everything one <see cref="ScriptHarness.Run"/> captured.</summary>
/// <param name="Output">The output objects as PowerShell wrapped them (see <see cref="OutputOf{T}"/> for the objects).</param>
/// <param name="HostOutput">Lines the host was asked to show on standard output (What if, Write-Host, prompts).</param>
/// <param name="HostError">Lines the host showed on standard error (WARNING:, VERBOSE:, PROGRESS:, error lines).</param>
/// <param name="Terminating">The error that ended the script, if one did.</param>
internal sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    IReadOnlyList<string> WhatIf,
    IReadOnlyList<string> HostOutput,
    IReadOnlyList<string> HostError,
    ErrorRecord? Terminating,
    PSInvocationState State)
{
    /// <summary>The output objects of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> OutputOf<T>() => Output.Select(item => item?.BaseObject).OfType<T>().ToList();

    /// <summary>Fails with everything that went wrong when the script wrote an error or ended with one.</summary>
    public ScriptResult AssertNoErrors()
    {
        var problems = Errors.Select(error => error.ToString()).ToList();
        if (Terminating is not null)
        {
            problems.Add("terminating: " + Terminating);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        return this;
    }
}
