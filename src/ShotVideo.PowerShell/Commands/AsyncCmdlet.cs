using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using ShotVideo.PowerShell.Errors;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that do their work on tasks. PowerShell accepts pipeline writes (WriteObject, WriteError,
/// WriteProgress, ShouldProcess, ...) only on the thread that runs the cmdlet; here they may come from any thread: they
/// are queued and run on the pipeline thread, which drains the queue while it waits for the async blocks
/// (<see cref="BeginProcessingAsync"/>, <see cref="ProcessRecordAsync"/>, <see cref="EndProcessingAsync"/>) and for the
/// background work started with <see cref="StartBackgroundAsync"/>.
/// </summary>
/// <remarks>
/// <para>Cancellation: <see cref="StopProcessing"/> (Ctrl+C, <c>PowerShell.Stop</c>) cancels <see cref="StopToken"/>,
/// the token every block and every piece of background work receives.</para>
/// <para>Failures: an exception escaping a block or background work ends the command on the pipeline thread; a
/// <see cref="ShotVideoException"/> becomes a terminating ErrorRecord (see <see cref="ShotVideoErrorRecords"/>).
/// <see cref="WriteFailure"/> reports one that concerns a single shot as a non-terminating error instead.</para>
/// <para>Once the command ends early (a terminating error, <c>-ErrorAction Stop</c>, a downstream
/// <c>Select-Object -First</c>) further writes are dropped and pending <see cref="ShouldProcessAsync(string, string)"/>
/// calls are cancelled, but work already in flight is not cancelled: <see cref="Dispose()"/> waits for it, so what it
/// has started is finished and recorded. Only <see cref="StopProcessing"/> cancels it. Cleanup lives in Dispose because
/// EndProcessing does not run when the pipeline ends early.</para>
/// </remarks>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly BlockingCollection<Action> _pipelineActions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _noMoreWork;
    private readonly List<Task> _background = new();
    private Task? _block;
    private SemaphoreSlim? _backgroundSlots;
    private int _pipelineThreadId;
    private bool _disposed;

    protected AsyncCmdlet()
    {
        _noMoreWork = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, _closed.Token);
    }

    /// <summary>Cancelled when PowerShell stops the command (Ctrl+C).</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>How many pieces of background work run at once (read when the first one starts).</summary>
    protected virtual int BackgroundLimit => Environment.ProcessorCount;

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every piece of background work has finished: the place for a summary.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs on the pipeline thread before <see cref="BeginProcessingAsync"/>: the place to read what only that thread may
    /// read safely (session state such as the current location or preference variables), for the async blocks to use.
    /// </summary>
    protected virtual void CaptureSessionState()
    {
    }

    protected sealed override void BeginProcessing()
    {
        CaptureSessionState();
        RunBlock(BeginProcessingAsync);
    }

    protected sealed override void ProcessRecord() => RunBlock(ProcessRecordAsync);

    protected sealed override void EndProcessing() => RunBlock(async cancellationToken =>
    {
        await WhenBackgroundWorkDone().ConfigureAwait(false);
        await EndProcessingAsync(cancellationToken).ConfigureAwait(false);
    });

    protected sealed override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command already finished and was disposed; there is nothing left to stop.
        }
    }

    /// <summary>
    /// Waits for a free slot (draining the pipeline queue meanwhile, so results keep flowing) and starts
    /// <paramref name="work"/> in the background. Returns once it has started; throws OperationCanceledException
    /// instead once the command has ended or is stopping.
    /// </summary>
    protected async Task StartBackgroundAsync(Func<CancellationToken, Task> work)
    {
        var slots = _backgroundSlots ??= new SemaphoreSlim(Math.Max(1, BackgroundLimit));
        await slots.WaitAsync(_noMoreWork.Token).ConfigureAwait(false);
        if (_noMoreWork.IsCancellationRequested)
        {
            slots.Release();
            _noMoreWork.Token.ThrowIfCancellationRequested();
        }

        TrackBackground(Task.Run(async () =>
        {
            try
            {
                await work(StopToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // End the command on the pipeline thread, where PowerShell expects terminating errors.
                OnPipelineThread(() => Rethrow(exception));
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>
    /// Reports a failure with the shot (or other object) it concerns as target: one that will hit every shot ends the
    /// command (terminating); any other is a non-terminating error and so honours <c>-ErrorAction</c>.
    /// </summary>
    protected void WriteFailure(ShotVideoException exception, object? target = null)
    {
        var record = ShotVideoErrorRecords.Create(exception, target);
        if (exception.AffectsEveryShot)
        {
            throw new TerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>Asks <c>-WhatIf</c>/<c>-Confirm</c> on the pipeline thread; "What if: Performing the operation
    /// "<paramref name="action"/>" on target "<paramref name="target"/>"."</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) =>
        AskPipeline(() => base.ShouldProcess(target, action));

    /// <summary>Asks <c>-WhatIf</c>/<c>-Confirm</c> on the pipeline thread; -WhatIf prints
    /// <paramref name="description"/> as it is.</summary>
    protected Task<bool> ShouldProcessAsync(string description, string warning, string caption) =>
        AskPipeline(() => base.ShouldProcess(description, warning, caption));

    protected new void WriteObject(object? sendToPipeline) =>
        OnPipelineThread(() => base.WriteObject(sendToPipeline));

    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection) =>
        OnPipelineThread(() => base.WriteObject(sendToPipeline, enumerateCollection));

    protected new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));

    protected new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));

    protected new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));

    protected new void WriteDebug(string text) => OnPipelineThread(() => base.WriteDebug(text));

    protected new void WriteProgress(ProgressRecord progressRecord) =>
        OnPipelineThread(() => base.WriteProgress(progressRecord));

    protected new void WriteInformation(InformationRecord informationRecord) =>
        OnPipelineThread(() => base.WriteInformation(informationRecord));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _closed.Cancel();
        // The block first: until it ends it may still start background work. Outcomes were reported already (or
        // cannot be any more), so this only waits and does not rethrow faults.
        WaitIgnoringFaults(_block is null ? [] : [_block]);
        WaitIgnoringFaults(RunningBackgroundWork());
        Dispose(true);
        _backgroundSlots?.Dispose();
        _pipelineActions.Dispose();
        _noMoreWork.Dispose();
        _closed.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived cmdlet holds; runs after all its work has finished.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private void RunBlock(Func<CancellationToken, Task> block)
    {
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        var task = _block = Task.Run(() => block(StopToken));
        task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            while (!task.IsCompleted || _pipelineActions.Count > 0)
            {
                _pipelineActions.Take(StopToken)();
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            _closed.Cancel();
            throw new PipelineStoppedException();
        }
        catch
        {
            // PowerShell is unwinding the command (terminating error, -ErrorAction Stop, pipeline stopped
            // downstream): nothing may be written any more.
            _closed.Cancel();
            throw;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            _closed.Cancel();
            Rethrow(exception);
        }
    }

    private void Rethrow(Exception exception)
    {
        switch (exception)
        {
            case TerminatingError terminating:
                ThrowTerminatingError(terminating.Record);
                break;
            case OperationCanceledException when StopToken.IsCancellationRequested:
                throw new PipelineStoppedException();
            case ShotVideoException shotVideo:
                ThrowTerminatingError(ShotVideoErrorRecords.Create(shotVideo));
                break;
            default:
                ExceptionDispatchInfo.Capture(exception).Throw();
                break;
        }
    }

    private Task<T> AskPipeline<T>(Func<T> question)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = _closed.Token.Register(() => answer.TrySetCanceled());
        OnPipelineThread(() =>
        {
            try
            {
                answer.TrySetResult(question());
            }
            catch (Exception exception)
            {
                // The asker learns of it, and so does PowerShell (e.g. a declined -Confirm with "No to All" or a
                // host that cannot prompt).
                answer.TrySetException(exception);
                throw;
            }
        });
        answer.Task.ContinueWith(_ => closed.Dispose(), TaskScheduler.Default);
        return answer.Task;
    }

    private void OnPipelineThread(Action action)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            action();
        }
        else if (!_closed.IsCancellationRequested)
        {
            _pipelineActions.Add(action);
        }
    }

    private void Wake()
    {
        if (!_closed.IsCancellationRequested)
        {
            _pipelineActions.Add(static () => { });
        }
    }

    private void TrackBackground(Task task)
    {
        lock (_background)
        {
            _background.RemoveAll(static tracked => tracked.IsCompleted);
            _background.Add(task);
        }
    }

    private Task[] RunningBackgroundWork()
    {
        lock (_background)
        {
            return _background.Where(static task => !task.IsCompleted).ToArray();
        }
    }

    private static void WaitIgnoringFaults(Task[] tasks) =>
        Task.WhenAll(tasks).ContinueWith(static _ => { }, TaskScheduler.Default).Wait();

    private Task WhenBackgroundWorkDone() => Task.WhenAll(RunningBackgroundWork());

    /// <summary>Carries a terminating ErrorRecord from a worker to the pipeline thread.</summary>
    private sealed class TerminatingError(ErrorRecord record) : Exception(record.Exception.Message, record.Exception)
    {
        public ErrorRecord Record { get; } = record;
    }
}
