using Npgsql;

namespace ShotVideo.Database;

/// <summary>
/// Where the story database is: an Npgsql key=value string or a <c>postgres://</c> URI. Safe to print: neither
/// <see cref="ToString"/> nor any property carries the password.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>The environment variable that names the database when no parameter does.</summary>
    public const string EnvironmentVariable = "SHOTVIDEO_DATABASE_URL";

    private DatabaseSettings(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
    }

    public string Host => Builder.Host ?? "localhost";

    public int Port => Builder.Port;

    public string Database => Builder.Database ?? Builder.Username ?? "postgres";

    public string? Username => Builder.Username;

    internal NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>Reads a key=value connection string or a postgres:// / postgresql:// URI.</summary>
    public static DatabaseSettings Parse(string uriOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uriOrConnectionString);
        var text = uriOrConnectionString.Trim();
        if (PostgresUri.IsUri(text))
        {
            return new DatabaseSettings(PostgresUri.ToConnectionStringBuilder(text));
        }

        try
        {
            return new DatabaseSettings(new NpgsqlConnectionStringBuilder(text));
        }
        catch (ArgumentException)
        {
            // Npgsql's message can quote the offending fragment, which may hold the password: say only what to do.
            throw ShotVideoErrors.InvalidDatabaseUrl("it is neither a postgres:// URI nor a valid key=value connection string");
        }
    }

    /// <summary>The settings named by <see cref="EnvironmentVariable"/>, or null when it is unset or empty.</summary>
    public static DatabaseSettings? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : Parse(value);
    }

    /// <summary>host:port/database, for messages.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]" : Host;
        return $"{host}:{Port}/{Database}";
    }
}
