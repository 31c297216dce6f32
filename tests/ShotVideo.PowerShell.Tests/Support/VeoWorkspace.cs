using System.Security;
using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Samples;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>
/// One test's world for the cmdlets that generate: a fresh database with the sample story (7 shots, none with a clip),
/// its own public/ folder holding the story's assets, and a fake Veo service on 127.0.0.1. Scripts run with
/// <c>$Database</c>, <c>$StoryId</c>, <c>$PublicRoot</c> and <c>$ApiKey</c> (the fake's key as a SecureString) set, and
/// with the Gemini API client pointed at the fake through SHOTVIDEO_GEMINI_BASE_URL (see <see cref="VeoEnvironment"/>).
/// </summary>
internal sealed class VeoWorkspace : IAsyncLifetime
{
    public const int SampleShots = 7;

    public string ConnectionString { get; private set; } = string.Empty;

    public string PublicRoot { get; } = Directory.CreateTempSubdirectory("shotvideo-ps-public-").FullName;

    public Guid StoryId { get; private set; }

    public FakeVeoService Veo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using (var database = Open())
        {
            var loaded = await StoryFolderLoader.LoadAsync(
                database, Path.Combine(BuildOutputs.RepositoryRoot, "fixtures", "stories", "lantern-keepers"), PublicRoot, CancellationToken.None);
            StoryId = loaded.StoryId;
        }

        Veo = await FakeVeoService.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Veo.DisposeAsync();
        Directory.Delete(PublicRoot, recursive: true);
    }

    /// <summary>Runs <paramref name="script"/> with the workspace's variables (plus <paramref name="extra"/>) and the
    /// Veo environment pointing at the fake service.</summary>
    public ScriptResult Run(string script, Action<System.Management.Automation.PowerShell>? whileRunning = null, string input = "", params (string Name, object? Value)[] extra)
    {
        var variables = new Dictionary<string, object?>
        {
            ["Database"] = ConnectionString,
            ["StoryId"] = StoryId,
            ["PublicRoot"] = PublicRoot,
            ["ApiKey"] = Secure(Veo.Options.ApiKey),
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        using var environment = VeoEnvironment.PointAt(Veo);
        return ScriptHarness.Run(script, variables, whileRunning, input);
    }

    /// <summary>Every file under the story's shots folder except key frames: the clips and anything left behind.</summary>
    public IReadOnlyList<string> ShotFiles()
    {
        var folder = Path.Combine(PublicRoot, "generated", StoryId.ToString(), "shots");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(file => !file.EndsWith("_key_frame.png", StringComparison.Ordinal))
                .Select(file => Path.GetRelativePath(PublicRoot, file).Replace('\\', '/'))
                .Order()
                .ToList()
            : [];
    }

    public async Task<IReadOnlyList<ShotRecord>> ShotsAsync()
    {
        await using var database = Open();
        return await database.Shots.ListShotsAsync(StoryId, null, null, CancellationToken.None);
    }

    public async Task<IReadOnlyList<ShotVideoJob>> JobsAsync()
    {
        await using var database = Open();
        return await database.Jobs.ListJobsAsync(StoryId, null, null, liveOnly: false, CancellationToken.None);
    }

    public async Task RecordClipAsync(string sceneletId, int shotIndex, string path)
    {
        await using var database = Open();
        await database.Shots.UpdateShotVideoPathAsync(StoryId, sceneletId, shotIndex, path, CancellationToken.None);
    }

    /// <summary>Where the task stores a shot's clip, relative to the public folder.</summary>
    public string ClipPath(string sceneletId, int shotIndex) => $"generated/{StoryId}/shots/{sceneletId}/shot-{shotIndex}.mp4";

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    private StoryDatabase Open() => StoryDatabase.Open(DatabaseSettings.Parse(ConnectionString));
}
