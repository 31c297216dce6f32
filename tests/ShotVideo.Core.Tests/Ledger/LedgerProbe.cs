using ShotVideo.Ledger;
using ShotVideo.Storage;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Ledger;

/// <summary>What the proof tests read back from the job ledger.</summary>
internal static class LedgerProbe
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What the ledger tests' start requests sent: a prompt, no references.</summary>
    public static readonly SentRequest Sent = new("{\"action\":\"test\"}", []);

    /// <summary>A clip the ledger tests record as stored at <paramref name="path"/> (no file behind it).</summary>
    public static PendingClip.Committed Clip(string path, long bytes = 1) => new(path, null, bytes, new string('0', 64));

    /// <summary>Waits until <paramref name="count"/> live attempts have their operation name recorded (Veo accepted them).</summary>
    public static Task<IReadOnlyList<ShotVideoJob>> StartedAsync(SampleStoryWorkspace workspace, int count) =>
        Eventually.UntilAsync(
            () => workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: true, default),
            jobs => jobs.Count(j => j is { State: ShotVideoJobState.Started, OperationName: not null }) >= count,
            Patience,
            $"{count} started attempts in the ledger");

    public static Task<IReadOnlyList<ShotVideoJob>> AllJobsAsync(SampleStoryWorkspace workspace) =>
        workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default);

    /// <summary>Every shot of the story has a recorded clip that is on disk.</summary>
    public static async Task AssertEveryShotRecordedAsync(SampleStoryWorkspace workspace, int expectedShots)
    {
        var shots = await workspace.Database.Shots.ListShotsAsync(workspace.StoryId, null, null, default);
        Assert.Equal(expectedShots, shots.Count);
        Assert.All(shots, shot =>
        {
            Assert.Equal($"generated/{workspace.StoryId}/shots/{shot.SceneletId}/shot-{shot.ShotIndex}.mp4", shot.VideoFilePath);
            Assert.True(File.Exists(Path.Combine(workspace.PublicRoot, shot.VideoFilePath!)), $"{shot.VideoFilePath} is recorded but not on disk.");
        });
    }

    public static string Key(ShotVideoJob job) => $"{job.SceneletId}#{job.ShotIndex}";
}
