using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ShotVideo.Pacing;

namespace ShotVideo.Tests.Pacing;

/// <summary>Pacers on a fake clock, and what their observers heard.</summary>
internal static class PacingTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public static StartPacer LocalPacer(FakeTimeProvider time, StartPacingOptions options, IStartPacingObserver? observer = null) =>
        new("test:quota:model", options, new LocalStartSlotStore(time), observer, time);

    /// <summary>Takes a slot that must be granted without any time passing.</summary>
    public static StartSlot TakeNow(StartPacer pacer)
    {
        var task = pacer.WaitForSlotAsync(default);
        Assert.True(task.IsCompletedSuccessfully, "the slot should have been granted without waiting");
        return task.Result;
    }

    /// <summary>
    /// Takes the next slot, moving the fake clock exactly to each moment the pacer waits for (the pacer has registered
    /// its timer before WaitForSlotAsync returns, because the local store answers synchronously).
    /// </summary>
    public static async Task<StartSlot> TakeAsync(StartPacer pacer, FakeTimeProvider time, RecordingPacingObserver observer)
    {
        int seen = observer.Waits.Count;
        var task = pacer.WaitForSlotAsync(default);
        while (!task.IsCompleted)
        {
            var waits = observer.Waits;
            if (waits.Count > seen)
            {
                seen = waits.Count;
                var until = waits[^1].Until;
                if (until > time.GetUtcNow())
                {
                    time.Advance(until - time.GetUtcNow());
                }
            }

            await Task.WhenAny(task, Task.Delay(5));
        }

        return await task;
    }
}

internal sealed class RecordingPacingObserver : IStartPacingObserver
{
    private readonly ConcurrentQueue<StartPacingWait> _waits = new();

    public IReadOnlyList<StartPacingWait> Waits => [.. _waits];

    public void Waiting(StartPacingWait wait) => _waits.Enqueue(wait);
}
