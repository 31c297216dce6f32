using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Generation;
using ShotVideo.Samples;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Testing.Postgres;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Database;

/// <summary>Everything ShotVideo does to the database also works through a transaction pooler (Supabase's port 6543).</summary>
public sealed class TransactionPoolerTests
{
    [Fact]
    public async Task MigrationsClaimsAndAWholeRunWorkThroughPgBouncerInTransactionMode()
    {
        var server = await PostgresServer.SharedAsync();
        var direct = await server.CreateDatabaseAsync(migrate: false);
        await using var pooler = await TransactionPooler.StartAsync(server);
        var databaseName = new Npgsql.NpgsqlConnectionStringBuilder(direct).Database!;
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(pooler.ConnectionString(databaseName)));
        var publicRoot = Directory.CreateTempSubdirectory("shotvideo-public-").FullName;
        await using var veo = await FakeVeoService.StartAsync();
        try
        {
            var applied = await Task.WhenAll(database.MigrateAsync(default), database.MigrateAsync(default));
            var story = await StoryFolderLoader.LoadAsync(database, RepositoryPaths.SampleStory, publicRoot, default);
            var shot = (await database.Shots.ListShotsAsync(story.StoryId, "scenelet-1", 1, default))[0];
            ClaimOutcome[] claims;
            await using (var heartbeat = new LedgerHeartbeat(database.Jobs, LedgerWorker.ForThisProcess("beat"), TimeSpan.FromHours(1)))
            {
                claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => database.Jobs.ClaimAsync(
                    shot.Key, VideoBackend.GeminiApi, "m", LedgerWorker.ForThisProcess($"worker-{i}"), TimeSpan.FromMinutes(2), new ClaimRule(shot.UpdatedAt, false), heartbeat, default))));
                await Assert.Single(claims.OfType<ClaimOutcome.Owned>()).Attempt.LetGoAsync("test");
            }

            using var gemini = VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions { ApiKey = veo.Options.ApiKey, BaseUrl = veo.GeminiBaseUrl, PollInterval = TimeSpan.FromMilliseconds(20) });

            var run = await new ShotVideoTask(database, gemini, new ShotVideoOptions { PublicRoot = publicRoot, ThrottleLimit = 4, StartsPerMinute = 60_000, HeartbeatInterval = TimeSpan.FromMilliseconds(100) })
                .RunAsync(new RunSelection(story.StoryId) { Mode = ShotVideoMode.Resume });

            Assert.Equal(MigrationRunner.EmbeddedMigrations.Count, applied.Sum(a => a.Count));
            Assert.Equal(7, claims.OfType<ClaimOutcome.HeldByOther>().Count());
            Assert.Equal((7, 0), (run.Generated, run.Failed));
            Assert.Equal(7, veo.Requests.StartCount);
            Assert.All(await database.Shots.ListShotsAsync(story.StoryId, null, null, default), s => Assert.NotNull(s.VideoFilePath));
        }
        finally
        {
            Directory.Delete(publicRoot, recursive: true);
        }
    }
}
