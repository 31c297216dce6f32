using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Planning;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Testing.Stories;
using ShotVideo.Testing.Workers;
using ShotVideo.Veo;

namespace ShotVideo.Benchmarks;

/// <summary>One scenario's world: a fresh database with a story of minimal shots, a public folder, and the fake Veo service.</summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    private const int ShotsPerScenelet = 16;

    private BenchWorld(string connectionString, StoryDatabase database, Guid storyId, string publicRoot, FakeVeoService veo)
    {
        ConnectionString = connectionString;
        Database = database;
        StoryId = storyId;
        PublicRoot = publicRoot;
        Veo = veo;
    }

    public string ConnectionString { get; }

    public StoryDatabase Database { get; }

    public Guid StoryId { get; }

    public string PublicRoot { get; }

    public FakeVeoService Veo { get; }

    public static async Task<BenchWorld> CreateAsync(PostgresServer server, int shots, FakeVeoOperationPlan plan)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
        var storyId = await AddStoryAsync(database, shots);
        var publicRoot = Directory.CreateTempSubdirectory("shotvideo-bench-").FullName;
        var veo = await FakeVeoService.StartAsync();
        veo.Script.DefaultPlan = plan;
        return new BenchWorld(connectionString, database, storyId, publicRoot, veo);
    }

    /// <summary>Another story of <paramref name="shots"/> minimal shots in the same database, public folder and Veo service.</summary>
    public Task<Guid> AddStoryAsync(int shots) => AddStoryAsync(Database, shots);

    private static async Task<Guid> AddStoryAsync(StoryDatabase database, int shots)
    {
        var scenelets = Enumerable.Range(0, (shots + ShotsPerScenelet - 1) / ShotsPerScenelet)
            .Select(i => ($"scenelet-{i + 1}", i + 1, Math.Min(ShotsPerScenelet, shots - (i * ShotsPerScenelet))))
            .ToArray();
        return (await TestShots.CreateStoryAsync(database, scenelets)).StoryId;
    }

    /// <summary>Runs the story in this process with the given throttle; returns the result and the wall time.</summary>
    /// <remarks>Unless given a rate, the start pacer runs at one the fake service (without a quota) never refuses.</remarks>
    public async Task<(ShotVideoRunResult Run, TimeSpan Wall)> RunAsync(int throttle, double startsPerMinute = 60_000)
    {
        using var gemini = VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions
        {
            ApiKey = Veo.Options.ApiKey,
            BaseUrl = Veo.GeminiBaseUrl,
            PollInterval = BenchSettings.PollInterval,
        });
        var task = new ShotVideoTask(Database, gemini, new ShotVideoOptions { PublicRoot = PublicRoot, ThrottleLimit = throttle, StartsPerMinute = startsPerMinute });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var plan = await task.PlanAsync(new RunSelection(StoryId) { Mode = ShotVideoMode.Resume }, CancellationToken.None);
        var run = await task.ExecuteAsync(RunApproval.All(plan), null, CancellationToken.None);
        return (run, watch.Elapsed);
    }

    public TestWorkerOptions WorkerOptions() => new()
    {
        ConnectionString = ConnectionString,
        StoryId = StoryId,
        PublicRoot = PublicRoot,
        GeminiBaseUrl = Veo.GeminiBaseUrl,
        PollInterval = BenchSettings.PollInterval,
    };

    public async ValueTask DisposeAsync()
    {
        await Veo.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(PublicRoot, recursive: true);
    }
}
