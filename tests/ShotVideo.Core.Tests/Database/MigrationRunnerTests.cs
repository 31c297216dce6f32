using Npgsql;
using ShotVideo.Database;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.Tests.Database;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task AppliesEveryFileToAnEmptyDatabaseThenNothingTheSecondTime()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(migrate: false);
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));

        var first = await database.MigrateAsync(default);
        var second = await database.MigrateAsync(default);

        Assert.Equal(Directory.GetFiles(Path.Combine(Support.RepositoryPaths.Root, "supabase", "migrations"), "*.sql")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal), first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await ScalarAsync<long>(connectionString, "select count(*) from public.shotvideo_schema_migrations"));
    }

    [Fact]
    public async Task AddsANullableVideoPathColumnWithoutDefault()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var column = await ScalarAsync<string>(
            connectionString,
            """
            select data_type || '|' || is_nullable || '|' || coalesce(column_default, 'none')
            from information_schema.columns where table_schema = 'public' and table_name = 'shots' and column_name = 'video_file_path'
            """);

        Assert.Equal("text|YES|none", column);
    }

    [Fact]
    public async Task BaselineIsHarmlessOnADatabaseThatAlreadyHasTheSchema()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(migrate: false);
        var baseline = MigrationRunner.EmbeddedMigrations[0];

        // A production database: the schema made by the pipeline itself (no journal), with data and its own trigger name.
        await ExecuteAsync(connectionString, baseline.Sql.Replace("set_shots_updated_at", "handle_shots_updated_at", StringComparison.Ordinal));
        await ExecuteAsync(connectionString, "insert into public.stories (display_name, initial_prompt) values ('Existing', 'p')");
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));

        var applied = await database.MigrateAsync(default);

        Assert.Contains(baseline.Name, applied);
        Assert.Equal(1L, await ScalarAsync<long>(connectionString, "select count(*) from public.stories"));
        Assert.Equal(1L, await ScalarAsync<long>(
            connectionString, "select count(*) from pg_trigger where tgrelid = 'public.shots'::regclass and not tgisinternal"));
    }

    [Fact]
    public async Task TwoRunnersStartingAtOnceApplyEachFileOnce()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(migrate: false);
        await using var first = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
        await using var second = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));

        var results = await Task.WhenAll(first.MigrateAsync(default), second.MigrateAsync(default));

        Assert.Equal(MigrationRunner.EmbeddedMigrations.Count, results.Sum(r => r.Count));
        Assert.Contains(results, r => r.Count == 0);
    }

    [Fact]
    public async Task UpdatedAtFollowsUpdatesThroughTheTrigger()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await ExecuteAsync(connectionString, "insert into public.stories (display_name, initial_prompt, updated_at) values ('S', 'p', '2000-01-01')");

        await ExecuteAsync(connectionString, "update public.stories set initial_prompt = 'q'");

        Assert.True(await ScalarAsync<DateTime>(connectionString, "select updated_at from public.stories") > new DateTime(2020, 1, 1));
    }

    [Fact]
    public async Task StoriesRejectABlankDisplayName()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var ex = await Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(connectionString, "insert into public.stories (display_name, initial_prompt) values ('   ', 'p')"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
