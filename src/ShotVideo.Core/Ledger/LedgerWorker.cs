using System.Diagnostics;

namespace ShotVideo.Ledger;

/// <summary>
/// Who holds a ledger claim: a run's id (stored as <c>claimed_by</c>) and the machine and process it runs in. The process
/// is named by its id and start time, so a pid the system has since given to another process is not mistaken for it:
/// a claim whose process is gone from this machine is taken over at once instead of after the heartbeat timeout.
/// </summary>
public sealed record LedgerWorker(string RunId, string Host, int ProcessId, DateTimeOffset ProcessStart)
{
    /// <summary>This process, with a run id unique to this call.</summary>
    public static LedgerWorker ForThisProcess(string? runId = null)
    {
        using var self = Process.GetCurrentProcess();
        var host = Environment.MachineName;
        return new LedgerWorker(
            runId ?? $"{host}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}",
            host,
            Environment.ProcessId,
            new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero));
    }

    public override string ToString() => RunId;

    /// <summary>Where a claim is held, as the ledger recorded it.</summary>
    internal sealed record Holder(string Host, int ProcessId, DateTimeOffset ProcessStart)
    {
        /// <summary>
        /// True only when the holder ran on this machine and that process no longer exists (or the pid now belongs to a
        /// process started at another time). A holder on another machine is never judged from here.
        /// </summary>
        public bool IsGoneFromThisMachine()
        {
            if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
            {
                return false;
            }

            try
            {
                using var process = Process.GetProcessById(ProcessId);
                var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
                // Start times are read from the same clock at different precisions: a second apart is the same process.
                return process.HasExited || (started - ProcessStart).Duration() > TimeSpan.FromSeconds(1);
            }
            catch (ArgumentException)
            {
                return true;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Cannot tell (e.g. not allowed to look): assume it is alive; the heartbeat timeout still applies.
                return false;
            }
        }
    }
}
