using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Planning;
using ShotVideo.Samples;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Testing.Stories;
using ShotVideo.Testing.Workers;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Support;

/// <summary>
/// One test's world: a fresh database with a story (the sample story or minimal test shots), its own public/ folder,
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

    /// <summary>The sample story (lantern-keepers, 7 shots with references) on the run's shared server.</summary>
    public static Task<SampleStoryWorkspace> CreateAsync() =>
        CreateAsync(null, async (database, publicRoot) => (await StoryFolderLoader.LoadAsync(database, RepositoryPaths.SampleStory, publicRoot, default)).StoryId);

    /// <summary>
    /// A story of minimal shots (<see cref="TestShots"/>, no reference images): <paramref name="scenelets"/> scenelets
    /// of <paramref name="shotsEach"/> shots, on <paramref name="server"/> (the shared server when null).
    /// </summary>
    public static Task<SampleStoryWorkspace> CreateWithShotsAsync(int scenelets, int shotsEach, PostgresServer? server = null) =>
        CreateAsync(server, async (database, _) => (await TestShots.CreateStoryAsync(
            database, [.. Enumerable.Range(1, scenelets).Select(i => ($"scenelet-{i}", i, shotsEach))])).StoryId);

    private static async Task<SampleStoryWorkspace> CreateAsync(PostgresServer? server, Func<StoryDatabase, string, Task<Guid>> createStory)
    {
        var connectionString = await (server ?? await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
        var publicRoot = Directory.CreateTempSubdirectory("shotvideo-public-").FullName;
        var storyId = await createStory(database, publicRoot);
        var veo = await FakeVeoService.StartAsync();
        return new SampleStoryWorkspace(database, connectionString, publicRoot, storyId, veo);
    }

    /// <summary>A Gemini API client pointed at the fake service, polling fast.</summary>
    public VeoVideoGenerator Gemini(TimeSpan? pollInterval = null) => VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions
    {
        ApiKey = Veo.Options.ApiKey,
        BaseUrl = Veo.GeminiBaseUrl,
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20),
        Retry = new VeoRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    });

    /// <summary>The task over this workspace's database and public folder.</summary>
    public ShotVideoTask Task(IVideoGenerator generator, ShotVideoOptions? options = null) =>
        new(Database, generator, options ?? Options());

    /// <summary>Run options for this workspace's public folder.</summary>
    /// <remarks>The start pacer runs at a rate the fake service never refuses, unless a test gives the service a quota.</remarks>
    public ShotVideoOptions Options() => new() { PublicRoot = PublicRoot, StartsPerMinute = 60_000 };

    /// <summary>The whole story in <paramref name="mode"/>.</summary>
    public RunSelection Selection(ShotVideoMode mode) => new(StoryId) { Mode = mode };

    /// <summary>Options for a child worker process running this workspace's story against its fake service.</summary>
    public TestWorkerOptions WorkerOptions() => new()
    {
        ConnectionString = ConnectionString,
        StoryId = StoryId,
        PublicRoot = PublicRoot,
        GeminiBaseUrl = Veo.GeminiBaseUrl,
    };

    /// <summary>Starts a child worker process with the fake service's API key in its environment.</summary>
    public TestWorkerProcess StartWorker(TestWorkerOptions options) => TestWorkerProcess.Start(options, Veo.Options.ApiKey);

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
