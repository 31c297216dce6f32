using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;

namespace ShotVideo.Veo;

/// <summary>
/// Tokens from Google Application Default Credentials, scoped to cloud-platform. The sources are tried here in ADC's
/// order (the key file named by GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server) instead of
/// through <c>GoogleCredential.GetApplicationDefaultAsync</c>, which does not say which one it used: a failure names
/// the source and what it answered, never a token or key. Google.Apis.Auth caches and refreshes the token.
/// </summary>
internal sealed class ApplicationDefaultCredentialsTokenProvider : IVertexAccessTokenProvider
{
    public const string CredentialsVariable = "GOOGLE_APPLICATION_CREDENTIALS";
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    private const string GcloudFileName = "application_default_credentials.json";
    private const int MaxReasonChars = 300;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FoundCredential? _found;

    public ApplicationDefaultCredentialsTokenProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads GOOGLE_APPLICATION_CREDENTIALS and the home folder (where gcloud's file is) through <paramref name="getEnvironmentVariable"/>, so tests need not change the process environment.</summary>
    internal ApplicationDefaultCredentialsTokenProvider(Func<string, string?> getEnvironmentVariable)
    {
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    public async Task<VertexAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var found = await GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        string token;
        try
        {
            token = await ((ITokenAccess)found.Credential).GetAccessTokenForRequestAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ShotVideoErrors.CredentialsRejected(
                $"Application Default Credentials from {found.Source} could not produce an access token: {Answer(ex)}.", found.Advice, forbidden: false, ex);
        }

        return new VertexAccessToken(token, found.Credential.QuotaProject);
    }

    private async Task<FoundCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _found ??= await FindAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FoundCredential> FindAsync(CancellationToken cancellationToken)
    {
        string? named = _getEnvironmentVariable(CredentialsVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            string path = Path.GetFullPath(named.Trim());
            if (!File.Exists(path))
            {
                throw ShotVideoErrors.CredentialsMissing(
                    $"{CredentialsVariable} names '{path}', which does not exist.", $"Point {CredentialsVariable} at a service account key file, or unset it to use gcloud's credentials.");
            }

            return await LoadAsync(path, $"the key file '{path}' named by {CredentialsVariable}",
                $"Check that the service account key is still valid (not deleted or disabled), or point {CredentialsVariable} at another key file.",
                cancellationToken).ConfigureAwait(false);
        }

        if (GcloudFile() is { } gcloudFile && File.Exists(gcloudFile))
        {
            return await LoadAsync(gcloudFile, $"gcloud's credentials file '{gcloudFile}'",
                "Run 'gcloud auth application-default login' again.", cancellationToken).ConfigureAwait(false);
        }

        if (await ComputeCredential.IsRunningOnComputeEngine().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return new FoundCredential(Scoped(GoogleCredential.FromComputeCredential()), "the Compute Engine metadata server",
                "Check the machine's service account and that it has the cloud-platform scope.");
        }

        throw ShotVideoErrors.CredentialsMissing(
            $"No Google Application Default Credentials were found for Vertex AI: {CredentialsVariable} is not set, "
                + $"there is no '{GcloudFile() ?? "~/.config/gcloud/" + GcloudFileName}', and no metadata server answered.",
            $"Run 'gcloud auth application-default login', or set {CredentialsVariable} to a service account key file.");
    }

    private static async Task<FoundCredential> LoadAsync(string path, string source, string advice, CancellationToken cancellationToken)
    {
        GoogleCredential credential;
        try
        {
            // CredentialFactory wants the credential type stated (GoogleCredential.FromFile, which guessed it, is
            // deprecated); ADC accepts whatever type the file declares, as gcloud may write any of them.
            credential = await CredentialFactory.FromFileAsync(path, await ReadTypeAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ShotVideoErrors.CredentialsInvalid($"Application Default Credentials could not be read from {source}: {Answer(ex)}.", advice, ex);
        }

        return new FoundCredential(Scoped(credential), source, advice);
    }

    /// <summary>The file's <c>type</c> (e.g. <c>service_account</c>, <c>authorized_user</c>); a key file is a few KB, anything over 1 MB is not one.</summary>
    private static async Task<string> ReadTypeAsync(string path, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length > 1024 * 1024)
        {
            throw new InvalidDataException("the file is larger than any credential file");
        }

        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()!
                : throw new InvalidDataException("the file has no credential \"type\"");
    }

    private static GoogleCredential Scoped(GoogleCredential credential) =>
        credential.IsCreateScopedRequired ? credential.CreateScoped(CloudPlatformScope) : credential;

    /// <summary>Where gcloud keeps Application Default Credentials (where Google.Apis.Auth looks for them too).</summary>
    private string? GcloudFile()
    {
        string? folder = OperatingSystem.IsWindows()
            ? _getEnvironmentVariable("APPDATA") is { Length: > 0 } appData ? Path.Combine(appData, "gcloud") : null
            : _getEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config", "gcloud") : null;
        return folder is null ? null : Path.Combine(folder, GcloudFileName);
    }

    /// <summary>
    /// What the source answered: the OAuth error code and description for a token endpoint's refusal, else the
    /// exception's message (Google.Apis.Auth's messages name files and errors, not keys or tokens), cut short.
    /// </summary>
    private static string Answer(Exception exception)
    {
        string text = exception switch
        {
            TokenResponseException { Error: { } error } => string.IsNullOrWhiteSpace(error.ErrorDescription)
                ? $"it answered {error.Error}"
                : $"it answered {error.Error} ({error.ErrorDescription.TrimEnd('.')})",
            OperationCanceledException => "it did not answer in time",
            _ => $"{exception.GetType().Name}: {exception.Message.TrimEnd('.')}",
        };
        return text.Length > MaxReasonChars ? text[..MaxReasonChars] + "…" : text;
    }

    /// <summary>A credential, the source it came from (for messages) and what to do when it fails.</summary>
    private sealed record FoundCredential(GoogleCredential Credential, string Source, string Advice);
}
