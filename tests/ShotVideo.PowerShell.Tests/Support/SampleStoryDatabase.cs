using ShotVideo.Database;
using ShotVideo.Samples;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>
/// A fresh database on the run's private PostgreSQL server with the sample story (fixtures/stories/lantern-keepers:
/// 3 scenelets, 7 shots, 4 with a key frame) loaded, and one clip recorded: scenelet-1 shot 1.
/// </summary>
public sealed class SampleStoryDatabase : IAsyncLifetime
{
    public const string SceneletWithClip = "scenelet-1";
    public const int ShotWithClip = 1;
    public const string RecordedClip = "generated/clips/scenelet-1-shot-1.mp4";

    public string ConnectionString { get; private set; } = string.Empty;

    public Guid StoryId { get; private set; }

    public string StoryName { get; private set; } = string.Empty;

    public IReadOnlyList<ShotRecord> Shots { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync();
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(ConnectionString));
        var loaded = await StoryFolderLoader.LoadAsync(
            database, Path.Combine(BuildOutputs.RepositoryRoot, "fixtures", "stories", "lantern-keepers"), publicRoot: null, CancellationToken.None);
        StoryId = loaded.StoryId;
        StoryName = (await database.Stories.GetStoryAsync(StoryId, CancellationToken.None)).DisplayName;
        await database.Shots.UpdateShotVideoPathAsync(StoryId, SceneletWithClip, ShotWithClip, RecordedClip, CancellationToken.None);
        Shots = await database.Shots.ListShotsAsync(StoryId, null, null, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Variables for <see cref="ScriptHarness.Run"/>: <c>$Database</c> and <c>$StoryId</c>.</summary>
    public IReadOnlyDictionary<string, object?> Variables => new Dictionary<string, object?>
    {
        ["Database"] = ConnectionString,
        ["StoryId"] = StoryId,
    };
}
