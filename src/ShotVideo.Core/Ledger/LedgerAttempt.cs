using Polly;
using Polly.Retry;
using ShotVideo.Database;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Ledger;

/// <summary>
/// One shot's ledger attempt, owned by this run: the state machine every generation goes through.
/// <code>
///   Claimed ──Sending──▶ Sending ──Started──▶ Started ──Recorded──▶ Succeeded
///      │  ◀──Refused (429)──┘  │                     ├──Filtered / Failed / Expired──▶ settled (Veo proved the operation over)
///      │                       ├──StartUncertain──▶ left live, held by nobody (no run pays again until an Override run replaces it)
///      └──LetGo──▶ Abandoned (nothing was sent)       Started ──LetGo──▶ released, resumable by any run
/// </code>
/// Only an outcome that proves the operation is over settles it; anything about the transport or the bytes received
/// lets it go with the operation still resumable. Writes that follow money being spent are retried across a short
/// database outage, so a paid job is not forgotten because a connection dropped at the wrong moment.
/// </summary>
internal sealed class LedgerAttempt
{
    private static readonly ResiliencePipeline PaidWrites = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ShotVideoException>(ex => ex.Kind == ShotVideoErrorKind.ConnectionError),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    private readonly JobLedger _ledger;
    private readonly LedgerWorker _worker;
    private readonly LedgerHeartbeat _heartbeat;

    internal LedgerAttempt(JobLedger ledger, ShotVideoJob job, LedgerWorker worker, LedgerHeartbeat heartbeat)
    {
        _ledger = ledger;
        _worker = worker;
        _heartbeat = heartbeat;
        Job = job;
        Operation = job.OperationName is { } name ? new VideoOperation(job.Backend, job.Model, name) : null;
        State = Operation is null ? AttemptState.Claimed : AttemptState.Started;
        Resumed = Operation is not null;
        heartbeat.Track(job.Id);
    }

    /// <summary>Where the attempt stands in this run.</summary>
    public enum AttemptState
    {
        Claimed,
        Sending,
        Started,
        Succeeded,
        Filtered,
        Failed,
        Expired,
        Uncertain,
        LetGo,
    }

    public ShotVideoJob Job { get; }

    public ShotKey Shot => Job.Key;

    public AttemptState State { get; private set; }

    /// <summary>Veo's operation: known when Veo accepted this attempt's start request, or an earlier run's.</summary>
    public VideoOperation? Operation { get; private set; }

    /// <summary>True when this run took over an earlier run's paid operation (no new start request).</summary>
    public bool Resumed { get; }

    /// <summary>
    /// The start request is about to go: recorded first, so that if this process dies before Veo's answer is recorded,
    /// later runs treat the shot as possibly paid for. Until then a dead run's claim is simply taken over.
    /// </summary>
    public async Task SendingAsync(CancellationToken cancellationToken)
    {
        Expect(AttemptState.Claimed);
        await _ledger.MarkSendingAsync(Job.Id, _worker, sending: true, cancellationToken).ConfigureAwait(false);
        State = AttemptState.Sending;
    }

    /// <summary>Veo refused the start request with 429 (quota): it did not run and is not billed, so it may be sent again.</summary>
    public async Task RefusedAsync()
    {
        Expect(AttemptState.Sending);
        State = AttemptState.Claimed;
        // If this write is lost the claim stays marked as sending: later runs then refuse to pay again, the safe side.
        await PaidWrites.ExecuteAsync(
            async token => await _ledger.MarkSendingAsync(Job.Id, _worker, sending: false, token).ConfigureAwait(false),
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Veo accepted the start request: the name (with the cost, and the prompt and references sent, which the
    /// attempt's take shows) is recorded before any polling, whatever happens next.
    /// </summary>
    public async Task StartedAsync(VideoOperation operation, decimal? costUsd, SentRequest sent)
    {
        Expect(AttemptState.Sending);
        Operation = operation;
        State = AttemptState.Started;
        await PaidWrites.ExecuteAsync(
            async token => await _ledger.RecordStartedAsync(Job.Id, _worker, operation.Name, costUsd, sent, token).ConfigureAwait(false),
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The start request may have reached Veo without an answer: the attempt stays live, held by nobody.</summary>
    public async Task StartUncertainAsync(string reason)
    {
        Expect(AttemptState.Sending);
        State = AttemptState.Uncertain;
        await EndAsync(token => _ledger.MarkUncertainAsync(Job.Id, _worker, reason, token)).ConfigureAwait(false);
    }

    /// <summary>
    /// The clip is stored: record it on the shot and settle the attempt, in one statement; when the clip it replaced
    /// was kept as a take (<see cref="PendingClip.Committed.KeptTake"/>), that clip's attempt follows its file there.
    /// </summary>
    public async Task<ShotRecord> RecordedAsync(PendingClip.Committed clip, TimeSpan duration, IReadOnlyList<string> warnings)
    {
        Expect(AttemptState.Started);
        var shot = await PaidWrites.ExecuteAsync(
            async token => await _ledger.RecordClipAsync(
                Job.Id, Shot, clip, duration, warnings.Count == 0 ? null : string.Join(Environment.NewLine, warnings), token).ConfigureAwait(false),
            CancellationToken.None).ConfigureAwait(false);
        State = AttemptState.Succeeded;
        _heartbeat.Untrack(Job.Id);
        return shot;
    }

    /// <summary>Veo withheld the clip for safety reasons (not charged).</summary>
    public Task FilteredAsync(string reason) => SettleAsync(AttemptState.Filtered, ShotVideoJobState.Filtered, reason);

    /// <summary>Veo reported the operation failed.</summary>
    public Task FailedAsync(string reason) => SettleAsync(AttemptState.Failed, ShotVideoJobState.Failed, reason);

    /// <summary>Veo no longer knows the operation: the shot may be generated again.</summary>
    public Task ExpiredAsync(string reason) => SettleAsync(AttemptState.Expired, ShotVideoJobState.Expired, reason);

    /// <summary>
    /// Lets go without settling (the run stopped, or the transport or the bytes failed): a started attempt stays
    /// resumable by any run at once; a claim whose start request was never sent is abandoned. Never throws: if the
    /// database stays out of reach, the claim goes stale and another run takes it over.
    /// </summary>
    public async Task LetGoAsync(string reason)
    {
        if (State is not (AttemptState.Claimed or AttemptState.Sending or AttemptState.Started))
        {
            return;
        }

        State = AttemptState.LetGo;
        await EndAsync(token => _ledger.ReleaseAsync(Job.Id, _worker, reason, token)).ConfigureAwait(false);
    }

    private async Task SettleAsync(AttemptState state, ShotVideoJobState settled, string reason)
    {
        Expect(AttemptState.Started);
        State = state;
        await EndAsync(token => _ledger.SettleAsync(Job.Id, settled, reason, token)).ConfigureAwait(false);
    }

    private async Task EndAsync<T>(Func<CancellationToken, Task<T>> write)
    {
        _heartbeat.Untrack(Job.Id);
        try
        {
            await PaidWrites.ExecuteAsync(async token => await write(token).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ShotVideoException)
        {
            // The database stayed out of reach: the claim goes stale and another run takes it over from where it is.
        }
    }

    private void Expect(AttemptState state)
    {
        if (State != state)
        {
            throw new InvalidOperationException($"The ledger attempt of {Shot} is {State}, not {state}.");
        }
    }
}
