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

    /// <summary>
    /// Converts the URI. Passwords often hold '/', '?', '#', '@' or ':' unescaped, so the user info runs to the LAST
    /// '@' in the URI and the path, query and fragment are looked for only after it; in turn an '@' in the database
    /// name or query must be percent-escaped. Error messages never quote the user info.
    /// </summary>
    public static NpgsqlConnectionStringBuilder ToConnectionStringBuilder(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = uri[schemeEnd..];
        var builder = new NpgsqlConnectionStringBuilder();
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            // Decoded here, but System.Uri is never involved: it mangles an empty password and percent-escapes.
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            builder.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..]);
            }
        }

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
            ApplyQueryOption(builder, key, value, quoteKey: at >= 0);
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
            else if (after.Length > 0)
            {
                throw InvalidUri("an IPv6 host's ']' must be followed by ':port' or nothing");
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
            // Not quoted: in a URI without '@', what looks like a port may be part of a password.
            throw InvalidUri("the port is not a number from 1 to 65535");
        }

        return (Decode(host), port);
    }

    /// <summary>
    /// Applies one query option. Its key is quoted in errors only when <paramref name="quoteKey"/> says the user info
    /// was split off before it: in a URI without '@' the query may be part of a password.
    /// </summary>
    private static void ApplyQueryOption(NpgsqlConnectionStringBuilder builder, string key, string value, bool quoteKey)
    {
        var name = quoteKey ? $"the option '{key}'" : "an option";
        try
        {
            ApplyKnownOption(builder, key, value, name);
        }
        catch (ArgumentException)
        {
            // Npgsql refused the value (e.g. a negative port or timeout); its message may quote it.
            throw InvalidUri($"{name} has a value Npgsql does not accept");
        }
    }

    private static void ApplyKnownOption(NpgsqlConnectionStringBuilder builder, string key, string value, string name)
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
                    _ => throw InvalidUri("sslmode is not one of disable, allow, prefer, require, verify-ca, verify-full"),
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
                builder.Timeout = ParseInt(name, value);
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
                builder.Port = ParseInt(name, value);
                break;
            default:
                // Npgsql's own keywords (e.g. "Pooling", "No Reset On Close") may be passed through as query options.
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException)
                {
                    throw InvalidUri($"{name} is not a PostgreSQL URI option ShotVideo understands");
                }

                break;
        }
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, out var number) ? number : throw InvalidUri($"{name} needs a whole number");

    private static string Decode(string value) => Uri.UnescapeDataString(value);

    private static ShotVideoException InvalidUri(string reason) => ShotVideoErrors.InvalidDatabaseUrl(reason);
}
