using System.Collections.Concurrent;

namespace ShotVideo.Ledger;

/// <summary>Keeps a run's live ledger attempts fresh so other runs do not take them over while it works.</summary>
internal sealed class LedgerHeartbeat : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> _jobs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LedgerHeartbeat(JobLedger ledger, LedgerWorker worker, TimeSpan interval)
    {
        _loop = BeatAsync(ledger, worker, interval, _stop.Token);
    }

    public void Track(Guid jobId) => _jobs.TryAdd(jobId, 0);

    public void Untrack(Guid jobId) => _jobs.TryRemove(jobId, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task BeatAsync(JobLedger ledger, LedgerWorker worker, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_jobs.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await ledger.HeartbeatAsync(worker, _jobs.Keys.ToArray(), cancellationToken).ConfigureAwait(false);
                }
                catch (ShotVideoException)
                {
                    // A missed beat is harmless while the claim timeout is several beats long; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
