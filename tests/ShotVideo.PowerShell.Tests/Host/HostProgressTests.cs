using System.Management.Automation;
using ShotVideo.Host.Hosting;

namespace ShotVideo.PowerShell.Tests.Host;

/// <summary>Progress in a log: a line when an activity's state changes, a heartbeat while only its figures do.</summary>
public sealed class HostProgressTests
{
    [Fact]
    public void Figures_alone_print_a_heartbeat_at_most_every_30_seconds_and_a_new_state_at_once()
    {
        var time = new ManualTime();
        var log = new StringWriter();
        var ui = new ShotVideoHostUserInterface(TextReader.Null, TextWriter.Null, log, time);
        void Shot(string state, ProgressRecordType type = ProgressRecordType.Processing) =>
            ui.WriteProgress(1, new ProgressRecord(2, "scenelet-1 shot 1", state) { RecordType = type });

        Shot("waiting for Veo, 10 s");
        time.Advance(TimeSpan.FromSeconds(10));
        Shot("waiting for Veo, 20 s");
        time.Advance(TimeSpan.FromSeconds(10));
        Shot("waiting for Veo, 30 s");
        time.Advance(TimeSpan.FromSeconds(15));
        Shot("waiting for Veo, 45 s");
        time.Advance(TimeSpan.FromSeconds(1));
        Shot("downloading");
        Shot("downloading");
        Shot("done", ProgressRecordType.Completed);

        Assert.Equal(
            [
                "PROGRESS: scenelet-1 shot 1: waiting for Veo, 10 s",
                "PROGRESS: scenelet-1 shot 1: waiting for Veo, 45 s",
                "PROGRESS: scenelet-1 shot 1: downloading",
                "PROGRESS: scenelet-1 shot 1: completed",
            ],
            log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')));
    }

    [Fact]
    public void The_last_figures_held_back_are_shown_before_the_activity_completes()
    {
        var log = new StringWriter();
        var ui = new ShotVideoHostUserInterface(TextReader.Null, TextWriter.Null, log, new ManualTime());

        ui.WriteProgress(1, new ProgressRecord(1, "The Lantern Keepers", "6/7 done"));
        ui.WriteProgress(1, new ProgressRecord(1, "The Lantern Keepers", "7/7 done"));
        ui.WriteProgress(1, new ProgressRecord(1, "The Lantern Keepers", "Done") { RecordType = ProgressRecordType.Completed });

        Assert.Equal(
            ["PROGRESS: The Lantern Keepers: 6/7 done", "PROGRESS: The Lantern Keepers: 7/7 done", "PROGRESS: The Lantern Keepers: completed"],
            log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')));
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
