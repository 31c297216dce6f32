using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShotVideo.Tests.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

/// <summary>
/// Application Default Credentials against a real OAuth token endpoint on 127.0.0.1 that refuses the key, with a
/// service account key file made for the test; the environment is read through the provider's seam.
/// </summary>
public sealed class ApplicationDefaultCredentialsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly string _privateKey;
    private WebApplication _tokenServer = null!;
    private Uri _tokenUri = null!;
    private int _tokenRequests;

    public ApplicationDefaultCredentialsTests()
    {
        using var rsa = RSA.Create(2048);
        _privateKey = rsa.ExportPkcs8PrivateKeyPem();
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _tokenServer = builder.Build();
        _tokenServer.MapPost("/token", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""");
        });
        await _tokenServer.StartAsync();
        string address = _tokenServer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _tokenUri = new Uri(address.TrimEnd('/') + "/token");
    }

    public async Task DisposeAsync()
    {
        await _tokenServer.DisposeAsync();
        _folder.Dispose();
    }

    private string WriteServiceAccountKey(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "story-project",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = _privateKey,
            ["client_email"] = "shotvideo@story-project.iam.gserviceaccount.com",
            ["client_id"] = "112233445566778899",
            ["token_uri"] = _tokenUri.AbsoluteUri,
        }));
        return path;
    }

    private Func<string, string?> Environment(string? credentialsFile) => name => name switch
    {
        ApplicationDefaultCredentialsTokenProvider.CredentialsVariable => credentialsFile,
        "HOME" or "APPDATA" => _folder.Path,
        _ => null,
    };

    /// <summary>A run of the key's base64 body, which must never show up in a message.</summary>
    private string KeyMaterial => _privateKey.Split('\n')[5];

    [Fact]
    public async Task A_refused_key_names_the_file_and_the_token_endpoints_answer()
    {
        string keyFile = WriteServiceAccountKey(Path.Combine(_folder.Path, "keys", "shotvideo.json"));
        var provider = new ApplicationDefaultCredentialsTokenProvider(Environment(keyFile));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsRejected", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.AuthenticationError, error.Kind);
        Assert.True(error.AffectsEveryShot);
        Assert.Contains(keyFile, error.Message);
        Assert.Contains(ApplicationDefaultCredentialsTokenProvider.CredentialsVariable, error.Message);
        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains("Invalid JWT Signature", error.Message);
        Assert.DoesNotContain("PRIVATE KEY", error.Message);
        Assert.DoesNotContain(KeyMaterial, error.Message);
        Assert.True(_tokenRequests >= 1);
    }

    [Fact]
    public async Task Gclouds_file_is_used_when_the_variable_is_unset_and_named_in_the_error()
    {
        string gcloudFolder = OperatingSystem.IsWindows() ? Path.Combine(_folder.Path, "gcloud") : Path.Combine(_folder.Path, ".config", "gcloud");
        string gcloudFile = WriteServiceAccountKey(Path.Combine(gcloudFolder, "application_default_credentials.json"));
        var provider = new ApplicationDefaultCredentialsTokenProvider(Environment(null));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsRejected", error.ErrorId);
        Assert.Contains($"gcloud's credentials file '{gcloudFile}'", error.Message);
        Assert.Contains("invalid_grant", error.Message);
    }

    [Fact]
    public async Task A_variable_naming_no_file_is_missing_credentials()
    {
        string nowhere = Path.Combine(_folder.Path, "no-such-key.json");
        var provider = new ApplicationDefaultCredentialsTokenProvider(Environment(nowhere));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsMissing", error.ErrorId);
        Assert.Contains(nowhere, error.Message);
        Assert.Equal(0, _tokenRequests);
    }

    [Fact]
    public async Task A_key_file_that_is_not_a_credential_is_invalid_and_not_quoted()
    {
        string keyFile = Path.Combine(_folder.Path, "broken.json");
        File.WriteAllText(keyFile, """{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nnot-a-key-c2VjcmV0LWtleS1ib2R5\n-----END PRIVATE KEY-----\n","client_email":"a@b.c"}""");
        var provider = new ApplicationDefaultCredentialsTokenProvider(Environment(keyFile));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.Equal("ShotVideoCredentialsInvalid", error.ErrorId);
        Assert.Contains(keyFile, error.Message);
        Assert.DoesNotContain("c2VjcmV0LWtleS1ib2R5", error.Message);
        Assert.Equal(0, _tokenRequests);
    }
}
