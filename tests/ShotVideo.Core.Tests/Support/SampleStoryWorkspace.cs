using ShotVideo.Database;
using ShotVideo.Samples;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Support;

/// <summary>
/// One test's world: a fresh database with the sample story loaded, its own public/ folder with the story's assets,
/// and a fake Veo service on 127.0.0.1 that the Gemini API client talks to over HTTP.
/// </summary>
public sealed class SampleStoryWorkspace : IAsyncDisposable
{
    private SampleStoryWorkspace(StoryDatabase database, string connectionString, string publicRoot, Guid storyId, FakeVeoService veo)
    {
        Database = database;
        ConnectionString = connectionString;
        PublicRoot = publicRoot;
        StoryId = storyId;
        Veo = veo;
    }

    public StoryDatabase Database { get; }

    public string ConnectionString { get; }

    public string PublicRoot { get; }

    public Guid StoryId { get; }

    public FakeVeoService Veo { get; }

    public static async Task<SampleStoryWorkspace> CreateAsync()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
        var publicRoot = Directory.CreateTempSubdirectory("shotvideo-public-").FullName;
        var loaded = await StoryFolderLoader.LoadAsync(database, RepositoryPaths.SampleStory, publicRoot, default);
        var veo = await FakeVeoService.StartAsync();
        return new SampleStoryWorkspace(database, connectionString, publicRoot, loaded.StoryId, veo);
    }

    /// <summary>A Gemini API client pointed at the fake service, polling fast.</summary>
    public GeminiApiVideoGenerator Gemini(TimeSpan? pollInterval = null) => new(new GeminiApiOptions
    {
        ApiKey = Veo.Options.ApiKey,
        BaseUrl = Veo.GeminiBaseUrl,
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20),
        Retry = new VeoRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    });

    /// <summary>Every file under the story's shots folder (clips and anything left behind).</summary>
    public IReadOnlyList<string> ShotFiles()
    {
        var folder = Path.Combine(PublicRoot, "generated", StoryId.ToString(), "shots");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("_key_frame.png", StringComparison.Ordinal)).Order().ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await Veo.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(PublicRoot, recursive: true);
    }
}
