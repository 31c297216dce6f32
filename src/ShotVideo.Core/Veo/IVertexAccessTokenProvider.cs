namespace ShotVideo.Veo;

/// <summary>Supplies a bearer token per request (Application Default Credentials by default; tests give a fixed one).</summary>
public interface IVertexAccessTokenProvider
{
    Task<VertexAccessToken> GetTokenAsync(CancellationToken cancellationToken);
}
