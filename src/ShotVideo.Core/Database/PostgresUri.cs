using Npgsql;

namespace ShotVideo.Database;

/// <summary>
/// Converts the <c>postgres://</c> / <c>postgresql://</c> URIs Supabase hands out into Npgsql settings.
/// Written by hand because Npgsql accepts only key=value strings and no reachable package does the conversion.
/// </summary>
internal static class PostgresUri
{
    public static bool IsUri(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder ToConnectionStringBuilder(string uri)
    {
        // System.Uri rejects user-info it cannot parse and lower-cases nothing we need, but it mangles an empty
        // password and percent-escapes; so split the authority ourselves and let Uri handle only the host part.
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = uri[schemeEnd..];
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var query = string.Empty;
        var queryStart = rest.IndexOf('?');
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        var path = string.Empty;
        var pathStart = rest.IndexOf('/');
        if (pathStart >= 0)
        {
            path = rest[(pathStart + 1)..];
            rest = rest[..pathStart];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            builder.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..]);
            }
        }

        var (host, port) = SplitHostAndPort(rest);
        if (host.Length > 0)
        {
            builder.Host = host;
        }

        if (port is not null)
        {
            builder.Port = port.Value;
        }

        if (path.Length > 0)
        {
            builder.Database = Decode(path);
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Decode(pair[(equals + 1)..]) : string.Empty;
            ApplyQueryOption(builder, key, value);
        }

        return builder;
    }

    private static (string Host, int? Port) SplitHostAndPort(string hostAndPort)
    {
        string host;
        string? portText = null;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']');
            if (close < 0)
            {
                throw InvalidUri("an IPv6 host is missing its closing ']'");
            }

            host = hostAndPort[1..close];
            var after = hostAndPort[(close + 1)..];
            if (after.StartsWith(':'))
            {
                portText = after[1..];
            }
        }
        else
        {
            var colon = hostAndPort.LastIndexOf(':');
            host = colon >= 0 ? hostAndPort[..colon] : hostAndPort;
            portText = colon >= 0 ? hostAndPort[(colon + 1)..] : null;
        }

        if (string.IsNullOrEmpty(portText))
        {
            return (Decode(host), null);
        }

        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
        {
            throw InvalidUri($"the port '{portText}' is not a number from 1 to 65535");
        }

        return (Decode(host), port);
    }

    private static void ApplyQueryOption(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw InvalidUri($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
                };
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "connect_timeout":
                builder.Timeout = ParseInt(key, value);
                break;
            case "options":
                builder.Options = value;
                break;
            case "target_session_attrs":
                builder["Target Session Attributes"] = value;
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "host":
                builder.Host = value;
                break;
            case "port":
                builder.Port = ParseInt(key, value);
                break;
            default:
                // Npgsql's own keywords (e.g. "Pooling", "No Reset On Close") may be passed through as query options.
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException)
                {
                    throw InvalidUri($"the option '{key}' is not a PostgreSQL URI option ShotVideo understands");
                }

                break;
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, out var number) ? number : throw InvalidUri($"the option '{key}' needs a whole number");

    private static string Decode(string value) => Uri.UnescapeDataString(value);

    private static ShotVideoException InvalidUri(string reason) =>
        new("ShotVideoInvalidDatabaseUrl", ShotVideoErrorKind.InvalidArgument, $"The database URL is not valid: {reason}.");
}
