using Google.Apis.Auth.OAuth2;

namespace ShotVideo.Veo;

/// <summary>
/// Tokens from Google Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, or the
/// metadata server), scoped to cloud-platform. Google.Apis.Auth caches and refreshes the token.
/// </summary>
internal sealed class ApplicationDefaultCredentialsTokenProvider : IVertexAccessTokenProvider
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private GoogleCredential? _credential;

    public async Task<VertexAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        string token;
        try
        {
            token = await ((ITokenAccess)credential).GetAccessTokenForRequestAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ShotVideoException("ShotVideoCredentialsRejected", ShotVideoErrorKind.AuthenticationError,
                $"Application Default Credentials could not produce an access token ({ex.GetType().Name}). Run 'gcloud auth application-default login' or check the service account.")
            { AffectsEveryShot = true };
        }

        return new VertexAccessToken(token, credential.QuotaProject);
    }

    private async Task<GoogleCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null)
            {
                GoogleCredential found;
                try
                {
                    found = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex)
                {
                    throw new ShotVideoException("ShotVideoCredentialsMissing", ShotVideoErrorKind.AuthenticationError,
                        "No Google Application Default Credentials were found for Vertex AI. Run 'gcloud auth application-default login', or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file.",
                        ex)
                    { AffectsEveryShot = true };
                }

                _credential = found.IsCreateScopedRequired ? found.CreateScoped(CloudPlatformScope) : found;
            }

            return _credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}
