using System.Diagnostics;

namespace ShotVideo.Benchmarks;

/// <summary>
/// Samples the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, live objects and not-yet-collected garbage) and the
/// process working set on a timer, keeping the peaks. The working set includes the in-process fake Veo service.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Process _process = Process.GetCurrentProcess();
    private long _peakManaged;
    private long _peakWorkingSet;

    public MemorySampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakWorkingSet);

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
        _process.Dispose();
    }

    private void Sample()
    {
        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        lock (_process)
        {
            _process.Refresh();
            Max(ref _peakWorkingSet, _process.WorkingSet64);
        }
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }
}
