namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>
/// Compiles (once per test class, with PowerShell's own Add-Type) a small cmdlet on the built module's
/// <c>AsyncCmdlet</c> base, so the base is tested exactly as shipped in out/ShotVideo/. <c>Test-AsyncProbe</c> takes
/// numbers from the pipeline; for each it asks ShouldProcess, then in the background waits <c>-DelayMilliseconds</c>,
/// writes verbose and progress, and outputs the number times ten, or fails for <c>-FailOn</c> with a
/// ShotVideoException (<c>-EveryShot</c> makes it one that affects every shot). At the end it outputs a summary.
/// Static counters let scripts see what finished.
/// </summary>
public sealed class AsyncProbeAssembly : IDisposable
{
    private const string Source = """
        using System;
        using System.Management.Automation;
        using System.Threading;
        using System.Threading.Tasks;
        using ShotVideo;
        using ShotVideo.PowerShell.Commands;

        [Cmdlet("Test", "AsyncProbe", SupportsShouldProcess = true)]
        public sealed class TestAsyncProbeCommand : AsyncCmdlet
        {
            public static int Started;
            public static int Finished;
            public static int Running;
            public static int MostAtOnce;

            private int _processed;

            [Parameter(ValueFromPipeline = true, Mandatory = true)]
            public int Number { get; set; }

            [Parameter] public int DelayMilliseconds { get; set; } = 50;
            [Parameter] public int Throttle { get; set; } = 2;
            [Parameter] public int FailOn { get; set; } = -1;
            [Parameter] public SwitchParameter EveryShot { get; set; }

            protected override int BackgroundLimit => Throttle;

            public static void Reset() { Started = 0; Finished = 0; Running = 0; MostAtOnce = 0; }

            protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
            {
                var number = Number;
                if (!await ShouldProcessAsync("item " + number, "Probe"))
                {
                    return;
                }

                await StartBackgroundAsync(async token =>
                {
                    Interlocked.Increment(ref Started);
                    var now = Interlocked.Increment(ref Running);
                    int seen;
                    while ((seen = MostAtOnce) < now && Interlocked.CompareExchange(ref MostAtOnce, now, seen) != seen) { }
                    try
                    {
                        WriteVerbose("working on " + number);
                        WriteProgress(new ProgressRecord(1, "Probing", "item " + number));
                        await Task.Delay(DelayMilliseconds, token);
                        if (number == FailOn)
                        {
                            WriteFailure(new ShotVideoException("ShotVideoProbeFailed", ShotVideoErrorKind.QuotaExceeded, "probe " + number + " failed") { AffectsEveryShot = EveryShot.IsPresent }, number);
                            return;
                        }

                        Interlocked.Increment(ref _processed);
                        WriteObject(number * 10);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref Running);
                        Interlocked.Increment(ref Finished);
                    }
                });
            }

            protected override Task EndProcessingAsync(CancellationToken cancellationToken)
            {
                WriteObject("summary " + _processed);
                return Task.CompletedTask;
            }
        }
        """;

    public AsyncProbeAssembly()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"shotvideo-asyncprobe-{Guid.NewGuid():N}.dll");
        ScriptHarness.Run(
            // The module is built against PowerShellStandard (SMA 3.0 reference) and net8.0: the unification warnings are expected.
            "Add-Type -TypeDefinition $Source -OutputAssembly $Path -ReferencedAssemblies ($References + [psobject].Assembly.Location) -IgnoreWarnings",
            new Dictionary<string, object?>
            {
                ["Source"] = Source,
                ["Path"] = Path,
                ["References"] = new[]
                {
                    System.IO.Path.Combine(BuildOutputs.ModuleDirectory, "ShotVideo.PowerShell.dll"),
                    System.IO.Path.Combine(BuildOutputs.ModuleDirectory, "deps", "ShotVideo.Core.dll"),
                    "System.Threading",
                },
            }).AssertNoErrors();
    }

    /// <summary>The compiled probe; scripts import it with Import-Module after the ShotVideo module.</summary>
    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
