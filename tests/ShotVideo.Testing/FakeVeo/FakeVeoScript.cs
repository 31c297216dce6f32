using System.Collections.Concurrent;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// What the fake service does next: faults queued per request kind (each used by one request, in order) and plans
/// for the next operations created. Thread-safe.
/// </summary>
public sealed class FakeVeoScript
{
    private readonly ConcurrentDictionary<FakeVeoEndpoint, ConcurrentQueue<FakeVeoFault>> _faults = new();
    private readonly ConcurrentQueue<FakeVeoOperationPlan> _plans = new();
    private FakeVeoOperationPlan _defaultPlan = new();

    /// <summary>The plan for operations when no queued plan is left.</summary>
    public FakeVeoOperationPlan DefaultPlan
    {
        get => Volatile.Read(ref _defaultPlan);
        set => Volatile.Write(ref _defaultPlan, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The next <paramref name="times"/> requests of <paramref name="endpoint"/> suffer <paramref name="fault"/>.</summary>
    public FakeVeoScript Enqueue(FakeVeoEndpoint endpoint, FakeVeoFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var queue = _faults.GetOrAdd(endpoint, _ => new ConcurrentQueue<FakeVeoFault>());
        for (int i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }

        return this;
    }

    /// <summary>The next operation created follows <paramref name="plan"/>.</summary>
    public FakeVeoScript EnqueuePlan(FakeVeoOperationPlan plan)
    {
        _plans.Enqueue(plan ?? throw new ArgumentNullException(nameof(plan)));
        return this;
    }

    internal FakeVeoFault? TakeFault(FakeVeoEndpoint endpoint) =>
        _faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    internal FakeVeoOperationPlan TakePlan() => _plans.TryDequeue(out var plan) ? plan : DefaultPlan;
}
