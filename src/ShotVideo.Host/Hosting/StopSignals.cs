using System.Management.Automation;
using System.Runtime.InteropServices;

namespace ShotVideo.Host.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM stop the running pipeline the way PowerShell's own Ctrl+C does, so ShotVideo can see its
/// start requests through, release its claims and delete partial files; a second signal exits at once. The exit code
/// is the shell convention for the signal: 130 for SIGINT, 143 for SIGTERM.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PowerShell _powerShell;
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;

    public StopSignals(PowerShell powerShell, TextWriter error)
    {
        _powerShell = powerShell;
        _error = error;
        _registrations = [Register(PosixSignal.SIGINT, 130), Register(PosixSignal.SIGTERM, 143)];
    }

    /// <summary>The exit code of the first stop signal received, or null.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private PosixSignalRegistration Register(PosixSignal signal, int exitCode) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
            {
                _error.WriteLine("Stopped at once: claims of shots in flight are taken over by the next run after they go stale.");
                Environment.Exit(ExitCode ?? exitCode);
            }

            _error.WriteLine($"{signal}: stopping (again to exit at once). Start requests in flight get their answers, claims are released.");
            _powerShell.BeginStop(null, null);
        });
}
