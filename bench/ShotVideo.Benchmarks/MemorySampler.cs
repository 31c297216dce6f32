using System.Diagnostics;

namespace ShotVideo.Benchmarks;

/// <summary>
/// Samples on a timer and keeps the peaks of: the managed heap as <see cref="GC.GetTotalMemory(bool)"/> reports it (live
/// objects plus garbage not yet collected, so it swings with the GC's allocation budget), the heap size right after the
/// latest collection (what survived: retained memory), and the process working set (which includes the in-process
/// fake Veo service).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Process _process = Process.GetCurrentProcess();
    private long _peakManaged;
    private long _peakAfterCollection;
    private long _peakWorkingSet;

    public MemorySampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public long PeakAfterCollectionBytes => Interlocked.Read(ref _peakAfterCollection);

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
        Max(ref _peakAfterCollection, GC.GetGCMemoryInfo().HeapSizeBytes);
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
