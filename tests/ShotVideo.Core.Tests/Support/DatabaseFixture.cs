using ShotVideo.Database;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.Tests.Support;

/// <summary>A fresh, migrated database on the run's private PostgreSQL server for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public StoryDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync();
        Database = StoryDatabase.Open(DatabaseSettings.Parse(ConnectionString));
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
