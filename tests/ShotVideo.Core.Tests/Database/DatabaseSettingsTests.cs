using Npgsql;
using ShotVideo.Database;

namespace ShotVideo.Tests.Database;

public sealed class DatabaseSettingsTests
{
    private const string Password = "p@ss:w/rd%#?";

    [Fact]
    public void ConvertsASupabasePoolerUriWithEscapedPassword()
    {
        var settings = DatabaseSettings.Parse(
            "postgresql://postgres.abcdefgh:p%40ss%3Aw%2Frd%25%23%3F@aws-0-eu-west-1.pooler.supabase.com:6543/postgres?sslmode=require");

        Assert.Equal("aws-0-eu-west-1.pooler.supabase.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("postgres", settings.Database);
        Assert.Equal("postgres.abcdefgh", settings.Username);
        Assert.Equal(Password, settings.Builder.Password);
        Assert.Equal(SslMode.Require, settings.Builder.SslMode);
    }

    [Theory]
    [InlineData("postgres://u:pw@[::1]:5433/db", "::1", 5433)]
    [InlineData("postgres://u:pw@[2001:db8::7]/db", "2001:db8::7", 5432)]
    [InlineData("postgresql://u@db.example.org/db", "db.example.org", 5432)]
    public void ReadsHostsAndPorts(string uri, string host, int port)
    {
        var settings = DatabaseSettings.Parse(uri);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
        Assert.Equal("db", settings.Database);
    }

    [Fact]
    public void ReadsQueryOptions()
    {
        var settings = DatabaseSettings.Parse(
            "postgres://u:pw@h/d%20b?sslmode=verify-full&application_name=shot%20video&connect_timeout=7&sslrootcert=%2Fetc%2Fca.pem");

        Assert.Equal("d b", settings.Database);
        Assert.Equal(SslMode.VerifyFull, settings.Builder.SslMode);
        Assert.Equal("shot video", settings.Builder.ApplicationName);
        Assert.Equal(7, settings.Builder.Timeout);
        Assert.Equal("/etc/ca.pem", settings.Builder.RootCertificate);
    }

    [Theory]
    [InlineData("postgres://u:pw@h:99999/d", "port")]
    [InlineData("postgres://u:pw@h/d?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://u:pw@h/d?frobnicate=1", "frobnicate")]
    [InlineData("postgres://u:pw@[::1/d", "IPv6")]
    public void RejectsInvalidUrisSayingWhy(string uri, string reason)
    {
        var ex = Assert.Throws<ShotVideoException>(() => DatabaseSettings.Parse(uri));

        Assert.Equal("ShotVideoInvalidDatabaseUrl", ex.ErrorId);
        Assert.Contains(reason, ex.Message);
        Assert.DoesNotContain("pw", ex.Message);
    }

    [Theory]
    [InlineData("Zx/9SECRET", "Zx/9SECRET")]
    [InlineData("Zx#9SECRET", "Zx#9SECRET")]
    [InlineData("Zx?9SECRET", "Zx?9SECRET")]
    [InlineData("Zx@9SECRET", "Zx@9SECRET")]
    [InlineData("Zx:9SECRET", "Zx:9SECRET")]
    [InlineData("Q/w#e?r@t:y", "Q/w#e?r@t:y")]
    [InlineData("p%40ss%2Fw%23%3F%3A", "p@ss/w#?:")]
    [InlineData("a/b%3Fc@d", "a/b?c@d")]
    [InlineData("100%zz", "100%zz")]
    [InlineData("", "")]
    public void APasswordWithUnescapedSeparatorsParses(string written, string password)
    {
        var settings = DatabaseSettings.Parse($"postgresql://postgres.abcdefgh:{written}@db.example.org:6543/stories?sslmode=require");

        Assert.Equal(password, settings.Builder.Password);
        Assert.Equal("postgres.abcdefgh", settings.Username);
        Assert.Equal("db.example.org:6543/stories", settings.ToString());
        Assert.Equal(SslMode.Require, settings.Builder.SslMode);
    }

    [Theory]
    [InlineData("postgresql://u:Q/w#e?r@t:y@[::1]:5432/db", "::1", 5432)]
    [InlineData("postgresql://u:Q/w#e?r@t:y@[2001:db8::7]/db", "2001:db8::7", 5432)]
    [InlineData("postgresql://u:Q/w#e?r@t:y@db.example.org/db", "db.example.org", 5432)]
    [InlineData("postgresql://u:pw/SECRET@db.example.org:6000/db#fragment", "db.example.org", 6000)]
    public void HostsAndPortsAreFoundAfterTheLastAt(string uri, string host, int port)
    {
        var settings = DatabaseSettings.Parse(uri);

        Assert.Equal((host, port, "db"), (settings.Host, settings.Port, settings.Database));
        Assert.NotEqual("", settings.Builder.Password);
    }

    [Theory]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h:99999/d", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h:abc/d", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h/d?sslmode=sometimes", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h/d?frobnicate=1", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h/d?port=-1", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@h/d?connect_timeout=soon", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@[::1/d", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx/9#W?v@Q:rT@[::1]x/d", "Zx/9#W?v@Q:rT")]
    [InlineData("postgresql://u7Kq:Zx%2F9%23W%3Fv@h:0/d", "Zx/9#W?v")]
    [InlineData("postgresql://u7Kq:Zx9SECRETpw/d", "Zx9SECRETpw")]
    [InlineData("postgresql://u7Kq:Zx9/SEC?frobnicate=1", "Zx9/SEC")]
    public void ErrorsQuoteNoPartOfTheUserInfo(string uri, string password)
    {
        var ex = Assert.Throws<ShotVideoException>(() => DatabaseSettings.Parse(uri));

        Assert.Equal("ShotVideoInvalidDatabaseUrl", ex.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidArgument, ex.Kind);
        foreach (var secret in new[] { password, Uri.EscapeDataString(password), "u7Kq" })
        {
            for (var i = 0; i + 3 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 3), ex.Message);
            }
        }
    }

    [Fact]
    public void AcceptsKeyValueConnectionStrings()
    {
        var settings = DatabaseSettings.Parse("Host=db.local;Port=6000;Database=stories;Username=me;Password=" + Password.Replace(";", ""));

        Assert.Equal("db.local:6000/stories", settings.ToString());
    }

    [Fact]
    public void NeverPrintsThePassword()
    {
        var settings = DatabaseSettings.Parse("postgresql://me:hunter2secret@db.local:5432/stories");

        Assert.DoesNotContain("hunter2secret", settings.ToString());
        Assert.Equal("db.local:5432/stories", settings.ToString());
    }

    [Fact]
    public void AMalformedKeyValueStringDoesNotEchoIt()
    {
        var ex = Assert.Throws<ShotVideoException>(() => DatabaseSettings.Parse("Host=h;Password=hunter2secret;Bogus Key=1"));

        Assert.DoesNotContain("hunter2secret", ex.Message);
    }

    [Fact]
    public async Task AFailedConnectionNamesHostAndDatabaseButNotThePassword()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse($"postgresql://me:hunter2secret@127.0.0.1:{port}/stories?connect_timeout=3"));

        var ex = await Assert.ThrowsAsync<ShotVideoException>(() => database.Stories.ListStoriesAsync(default));

        Assert.Equal("ShotVideoDatabaseUnreachable", ex.ErrorId);
        Assert.True(ex.AffectsEveryShot);
        Assert.Contains("127.0.0.1", ex.Message);
        Assert.Contains($"port {port}", ex.Message);
        Assert.Contains("'stories'", ex.Message);
        Assert.DoesNotContain("hunter2secret", ex.ToString());
    }

    [Fact]
    public void ReadsTheEnvironmentVariable()
    {
        var before = Environment.GetEnvironmentVariable(DatabaseSettings.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatabaseSettings.EnvironmentVariable, "postgres://u:p@envhost:1234/envdb");
            Assert.Equal("envhost:1234/envdb", DatabaseSettings.FromEnvironment()!.ToString());
            Environment.SetEnvironmentVariable(DatabaseSettings.EnvironmentVariable, "  ");
            Assert.Null(DatabaseSettings.FromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatabaseSettings.EnvironmentVariable, before);
        }
    }
}
