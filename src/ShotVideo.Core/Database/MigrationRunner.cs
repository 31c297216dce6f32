using System.Reflection;
using Npgsql;

namespace ShotVideo.Database;

/// <summary>
/// Applies <c>supabase/migrations</c> (embedded in this assembly) to local databases, in name order, once each.
/// Hand-written rather than DbUp because it must be safe when two processes start it at once: everything happens in
/// one transaction under a transaction-scoped advisory lock, which also works through a transaction pooler.
/// </summary>
internal static class MigrationRunner
{
    private const string ResourcePrefix = "ShotVideo.Migrations.";

    // Any fixed number: all ShotVideo migration runs agree on it, nothing else on the server uses it.
    private const long LockKey = 0x5307_7669_6465_6F01;

    public static IReadOnlyList<Migration> EmbeddedMigrations { get; } = LoadEmbeddedMigrations();

    /// <summary>Applies what is not applied yet and returns the names of the files it applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "select pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey)).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            """
            create table if not exists public.shotvideo_schema_migrations (
              name text primary key,
              applied_at timestamptz not null default timezone('utc', now()))
            """,
            cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select name from public.shotvideo_schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var newlyApplied = new List<string>();
        foreach (var migration in migrations.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (applied.Contains(migration.Name))
            {
                continue;
            }

            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                "insert into public.shotvideo_schema_migrations (name) values (@name)",
                cancellationToken,
                ("name", migration.Name)).ConfigureAwait(false);
            newlyApplied.Add(migration.Name);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return newlyApplied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<Migration> LoadEmbeddedMigrations()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => new Migration(name[ResourcePrefix.Length..], ReadResource(assembly, name)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
