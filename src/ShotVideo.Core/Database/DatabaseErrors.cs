using Npgsql;

namespace ShotVideo.Database;

/// <summary>Turns Npgsql failures into catalogue errors that say which database and what to do, never with the password.</summary>
internal static class DatabaseErrors
{
    public static ShotVideoException Unreachable(Exception ex, DatabaseSettings settings)
    {
        var reason = ex is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : ex.Message;
        return ShotVideoErrors.DatabaseUnreachable(
            $"host '{settings.Host}' port {settings.Port}, database '{settings.Database}'{(settings.Username is null ? string.Empty : $" as user '{settings.Username}'")}",
            reason,
            ex);
    }

    public static ShotVideoException Translate(NpgsqlException ex, DatabaseSettings settings)
    {
        if (ex is PostgresException { SqlState: PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.UndefinedTable } missing)
        {
            return ShotVideoErrors.DatabaseSchemaOutdated(settings.ToString(), missing.MessageText, ex);
        }

        // Server shutting down or restarting, or the connection broke: the database is out of reach, not refusing.
        if (ex is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow }
            || (ex is PostgresException { SqlState: var state } && state.StartsWith("08", StringComparison.Ordinal)))
        {
            return Unreachable(ex, settings);
        }

        return ex is PostgresException ? ShotVideoErrors.DatabaseError(settings.ToString(), ex.Message, ex) : Unreachable(ex, settings);
    }
}
