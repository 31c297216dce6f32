using Microsoft.Extensions.Logging;
using Npgsql;
using ShotVideo.Ledger;

namespace ShotVideo.Database;

/// <summary>
/// The story pipeline's database: stories, shots and the clip paths ShotVideo records. One instance per run; it pools
/// connections and opens one per call, so it works through Supabase's transaction pooler.
/// </summary>
public sealed class StoryDatabase : IAsyncDisposable
{
    private const int DefaultMaxPoolSize = 16;

    private readonly NpgsqlDataSource _dataSource;

    private StoryDatabase(DatabaseSettings settings, ILoggerFactory? loggerFactory)
    {
        Settings = settings;
        var builder = new NpgsqlDataSourceBuilder(settings.Builder.ConnectionString);
        if (!settings.Builder.ContainsKey("Maximum Pool Size"))
        {
            // A run keeps up to hundreds of shots in flight, but they wait for Veo, not for the database: a small pool
            // serves them all and stays well under a server's connection limit (100 for a default PostgreSQL).
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        _dataSource = builder.Build();
        Stories = new StoryRepository(this);
        Shots = new ShotRepository(this);
        Jobs = new JobLedger(this);
    }

    public DatabaseSettings Settings { get; }

    public StoryRepository Stories { get; }

    public ShotRepository Shots { get; }

    public JobLedger Jobs { get; }

    /// <summary>
    /// Opens the database named by <paramref name="uriOrConnectionString"/>, else by <c>SHOTVIDEO_DATABASE_URL</c>,
    /// else ShotVideo's local database (started on demand, migrations applied; <paramref name="notice"/> is told once
    /// where it lives). A configured database is used as it is: its schema is managed with <c>supabase db push</c>.
    /// </summary>
    public static Task<StoryDatabase> OpenAsync(string? uriOrConnectionString, Action<string>? notice, CancellationToken cancellationToken) =>
        OpenAsync(uriOrConnectionString, createIfMissing: true, notice, cancellationToken);

    /// <summary>As <see cref="OpenAsync(string?, Action{string}?, CancellationToken)"/>; with
    /// <paramref name="createIfMissing"/> false a local database that does not exist yet is not created (for -WhatIf and
    /// tab completion) and the call fails with ShotVideoNoLocalDatabase instead.</summary>
    public static async Task<StoryDatabase> OpenAsync(string? uriOrConnectionString, bool createIfMissing, Action<string>? notice, CancellationToken cancellationToken)
    {
        var configured = string.IsNullOrWhiteSpace(uriOrConnectionString)
            ? DatabaseSettings.FromEnvironment()
            : DatabaseSettings.Parse(uriOrConnectionString);
        if (configured is not null)
        {
            return new StoryDatabase(configured, null);
        }

        var local = await LocalDatabase.EnsureRunningAsync(LocalDatabase.DefaultFolder(), notice, cancellationToken, createIfMissing).ConfigureAwait(false);
        var database = new StoryDatabase(local, null);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Opens the given database without touching its schema; <paramref name="loggerFactory"/> sees every command Npgsql runs.</summary>
    public static StoryDatabase Open(DatabaseSettings settings, ILoggerFactory? loggerFactory = null) => new(settings, loggerFactory);

    /// <summary>Applies this project's migrations that the database lacks; returns the files applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MigrationRunner.ApplyAsync(connection, MigrationRunner.EmbeddedMigrations, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw DatabaseErrors.Translate(ex, Settings);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw DatabaseErrors.Unreachable(ex, Settings);
        }
    }

    /// <summary>Runs one unit of database work on its own connection, translating failures into clear errors.</summary>
    internal async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw DatabaseErrors.Translate(ex, Settings);
        }
    }
}
