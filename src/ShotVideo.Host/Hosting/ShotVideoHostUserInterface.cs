using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ShotVideo.Host.Hosting;

/// <summary>
/// Writes what PowerShell shows a user as plain text lines fit for logs: output, "What if:" lines and Write-Host text to
/// <c>output</c>; errors, <c>WARNING:</c>, <c>VERBOSE:</c>, <c>DEBUG:</c> and <c>PROGRESS:</c> lines to <c>error</c>, so
/// standard output carries only results. Prompts (-Confirm, Read-Host) read lines from <c>input</c>.
/// </summary>
internal sealed partial class ShotVideoHostUserInterface(TextReader input, TextWriter output, TextWriter error, TimeProvider? time = null) : PSHostUserInterface
{
    /// <summary>A progress line whose state did not change (only its figures did) is shown at most this often.</summary>
    public static readonly TimeSpan ProgressHeartbeat = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<(long Source, int Activity), ShownProgress> _lastProgress = new();
    private readonly ShotVideoRawUserInterface _rawUI = new(output);
    private readonly bool _outputIsTerminal = output == Console.Out && !Console.IsOutputRedirected;
    private readonly bool _errorIsTerminal = error == Console.Error && !Console.IsErrorRedirected;

    /// <summary>True once an error line was shown: the host's exit code is then non-zero.</summary>
    public bool ErrorWritten { get; private set; }

    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>Colours (ANSI sequences) only on a terminal; files, pipes and logs get plain text.</summary>
    public override bool SupportsVirtualTerminal => _outputIsTerminal;

    public override void Write(string value) => Locked(() => output.Write(ForOutput(value)));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value) => Locked(() => output.WriteLine(ForOutput(value)));

    public override void WriteErrorLine(string value) => Locked(() =>
    {
        ErrorWritten = true;
        error.WriteLine(ForError(value));
    });

    public override void WriteWarningLine(string message) => Locked(() => error.WriteLine(ForError("WARNING: " + message)));

    public override void WriteVerboseLine(string message) => Locked(() => error.WriteLine(ForError("VERBOSE: " + message)));

    public override void WriteDebugLine(string message) => Locked(() => error.WriteLine(ForError("DEBUG: " + message)));

    /// <summary>One line per change of an activity's status or percentage (not per record), and one when it completes.</summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        var line = record.RecordType == ProgressRecordType.Completed
            ? $"PROGRESS: {record.Activity}: completed"
            : $"PROGRESS: {record.Activity}: {record.StatusDescription}"
              + (record.PercentComplete >= 0 ? $" ({record.PercentComplete}%)" : string.Empty)
              + (string.IsNullOrEmpty(record.CurrentOperation) ? string.Empty : $" - {record.CurrentOperation}");
        // A log gets a line when an activity's state changes (its words), and a heartbeat while only its figures
        // (elapsed time, counts, percent) change: not one line per poll per shot.
        var state = Figures().Replace(line, "#");
        Locked(() =>
        {
            var key = (sourceId, record.ActivityId);
            var now = _time.GetTimestamp();
            if (_lastProgress.TryGetValue(key, out var last))
            {
                if (last.Line == line || (last.State == state && _time.GetElapsedTime(last.At, now) < ProgressHeartbeat))
                {
                    _lastProgress[key] = last with { Unshown = last.Line == line ? null : line };
                    return;
                }

                // An activity's last figures (e.g. "7/7 done") are worth a line before it completes.
                if (record.RecordType == ProgressRecordType.Completed && last.Unshown is { } unshown)
                {
                    error.WriteLine(ForError(unshown));
                }
            }

            _lastProgress[key] = new ShownProgress(line, state, now, null);
            error.WriteLine(ForError(line));
        });
    }

    public override string ReadLine()
    {
        Locked(output.Flush);
        return input.ReadLine() ?? throw NoInput();
    }

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        foreach (var character in ReadLine())
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Write(field.Name + ": ");
            // Read-Host -AsSecureString -Prompt asks through here with a SecureString field: answer in kind, or the
            // secret ends up a plain string that -ApiKey refuses (and that lingers in memory).
            answers[field.Name] = field.ParameterTypeFullName == typeof(SecureString).FullName
                ? PSObject.AsPSObject(ReadLineAsSecureString())
                : PSObject.AsPSObject(ReadLine());
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        var hotkeys = choices.Select(Hotkey).ToList();
        var menu = string.Join(" ", choices.Select((choice, index) => $"[{hotkeys[index]}] {choice.Label.Replace("&", string.Empty)}"));
        while (true)
        {
            Write(menu + (defaultChoice >= 0 ? $" (default is \"{hotkeys[defaultChoice]}\"): " : ": "));
            var answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            var chosen = hotkeys.FindIndex(hotkey => string.Equals(hotkey, answer, StringComparison.OrdinalIgnoreCase));
            if (chosen >= 0)
            {
                return chosen;
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("shotvideo does not prompt for credentials; pass them through environment variables or parameters.");

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        PromptForCredential(caption, message, userName, targetName);

    private static string Hotkey(ChoiceDescription choice)
    {
        var ampersand = choice.Label.IndexOf('&');
        return ampersand >= 0 && ampersand + 1 < choice.Label.Length
            ? choice.Label[ampersand + 1].ToString()
            : choice.Label;
    }

    private static PSInvalidOperationException NoInput() =>
        new("shotvideo needed an answer but standard input is closed. Run non-interactively with -Confirm:$false, or answer on standard input.");

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteLine(message);
        }
    }

    private string ForOutput(string text) => GetOutputString(text, _outputIsTerminal);

    private string ForError(string text) => GetOutputString(text, _errorIsTerminal);

    private void Locked(Action write)
    {
        // Runspaces may write from more than one thread; lines must not interleave.
        lock (_gate)
        {
            write();
        }
    }

    /// <summary>The progress line last shown for an activity, and the newest one held back since.</summary>
    private sealed record ShownProgress(string Line, string State, long At, string? Unshown);

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")]
    private static partial System.Text.RegularExpressions.Regex Figures();
}
