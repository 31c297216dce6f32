using Npgsql;

namespace ShotVideo.Database;

/// <summary>Turns Npgsql failures into messages that say which database and what to do, never with the password.</summary>
internal static class DatabaseErrors
{
    public static ShotVideoException Unreachable(Exception ex, DatabaseSettings settings)
    {
        var reason = ex is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : ex.Message;
        return new ShotVideoException(
            "ShotVideoDatabaseUnreachable",
            ShotVideoErrorKind.ConnectionError,
            $"Could not connect to the story database at host '{settings.Host}' port {settings.Port}, database '{settings.Database}'"
            + $"{(settings.Username is null ? string.Empty : $" as user '{settings.Username}'")}: {reason}. "
            + $"Check -Database or {DatabaseSettings.EnvironmentVariable}.",
            ex)
        {
            AffectsEveryShot = true,
        };
    }

    public static ShotVideoException Translate(NpgsqlException ex, DatabaseSettings settings)
    {
        if (ex is PostgresException { SqlState: PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.UndefinedTable } missing)
        {
            return new ShotVideoException(
                "ShotVideoDatabaseSchemaOutdated",
                ShotVideoErrorKind.ResourceUnavailable,
                $"The story database {settings} lacks what ShotVideo needs ({missing.MessageText}). "
                + "Apply the files in supabase/migrations (e.g. 'supabase db push').",
                ex)
            {
                AffectsEveryShot = true,
            };
        }

        // Server shutting down or restarting, or the connection broke: the database is out of reach, not refusing.
        if (ex is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow }
            || (ex is PostgresException { SqlState: var state } && state.StartsWith("08", StringComparison.Ordinal)))
        {
            return Unreachable(ex, settings);
        }

        return ex is PostgresException
            ? new ShotVideoException(
                "ShotVideoDatabaseError",
                ShotVideoErrorKind.OperationFailed,
                $"The story database {settings} refused a request: {ex.Message}",
                ex)
            : Unreachable(ex, settings);
    }
}
