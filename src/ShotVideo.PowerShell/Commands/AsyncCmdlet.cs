using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.ExceptionServices;

namespace ShotVideo.PowerShell.Commands;

/// <summary>
/// Base of cmdlets whose blocks are async. PowerShell accepts pipeline writes (WriteObject, WriteError, WriteProgress,
/// ShouldProcess, ...) only on the thread that runs the cmdlet; here they may come from any thread (e.g. an engine
/// reporting progress from its workers): they are queued, and the pipeline thread runs them while it waits for the
/// async block (<see cref="BeginProcessingAsync"/>, <see cref="ProcessRecordAsync"/>, <see cref="EndProcessingAsync"/>).
/// </summary>
/// <remarks>
/// <para>Cancellation: <see cref="StopProcessing"/> (Ctrl+C, <c>PowerShell.Stop</c>) cancels <see cref="StopToken"/>,
/// the token every block receives.</para>
/// <para>Once the command ends early (a terminating error, <c>-ErrorAction Stop</c>, a downstream
/// <c>Select-Object -First</c>) further writes are dropped and pending ShouldProcessAsync calls are cancelled, but the
/// block is not cancelled: <see cref="Dispose()"/> waits for it, so what it has started is finished and recorded. Only
/// <see cref="StopProcessing"/> cancels it. Cleanup lives in Dispose because EndProcessing does not run when the
/// pipeline ends early.</para>
/// </remarks>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly BlockingCollection<Action> _pipelineActions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _closed = new();
    private Task? _block;
    private int _pipelineThreadId;
    private bool _disposed;

    /// <summary>Cancelled when PowerShell stops the command (Ctrl+C).</summary>
    protected CancellationToken StopToken => _stopping.Token;

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs on the pipeline thread before <see cref="BeginProcessingAsync"/>: the place to read what only that thread may
    /// read safely (session state such as the current location or preference variables), for the async blocks to use.
    /// </summary>
    protected virtual void CaptureSessionState()
    {
    }

    /// <summary>The terminating ErrorRecord for an exception that escaped a block; null rethrows it as it is.</summary>
    protected virtual ErrorRecord? ToTerminatingError(Exception exception) => null;

    protected sealed override void BeginProcessing()
    {
        CaptureSessionState();
        RunBlock(BeginProcessingAsync);
    }

    protected sealed override void ProcessRecord() => RunBlock(ProcessRecordAsync);

    protected sealed override void EndProcessing() => RunBlock(EndProcessingAsync);

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

    /// <summary>Asks <c>-WhatIf</c>/<c>-Confirm</c> on the pipeline thread; -WhatIf prints
    /// <paramref name="description"/> as it is.</summary>
    protected Task<bool> ShouldProcessAsync(string description, string warning, string caption) =>
        AskPipeline(() => base.ShouldProcess(description, warning, caption));

    /// <summary>Asks <c>-WhatIf</c>/<c>-Confirm</c> on the pipeline thread; "What if: Performing the operation
    /// "<paramref name="action"/>" on target "<paramref name="target"/>"."</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) =>
        AskPipeline(() => base.ShouldProcess(target, action));

    protected new void WriteObject(object? sendToPipeline) =>
        OnPipelineThread(() => base.WriteObject(sendToPipeline));

    protected new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));

    protected new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));

    protected new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));

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
        // Outcomes were reported already (or cannot be any more), so this only waits and does not rethrow faults.
        _block?.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        Dispose(true);
        _pipelineActions.Dispose();
        _closed.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived cmdlet holds; runs after its block has finished.</summary>
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
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            _closed.Cancel();
            throw new PipelineStoppedException();
        }
        catch (Exception exception)
        {
            _closed.Cancel();
            if (ToTerminatingError(exception) is { } record)
            {
                ThrowTerminatingError(record);
            }

            ExceptionDispatchInfo.Capture(exception).Throw();
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

    /// <summary>Runs <paramref name="action"/> on the pipeline thread (at once when called there), e.g. to touch session state.</summary>
    protected void OnPipelineThread(Action action)
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
}
