namespace ShotVideo.Veo;

/// <summary>Always the same token: for tests against the fake service, and for callers that already hold a token.</summary>
internal sealed class FixedVertexAccessTokenProvider(VertexAccessToken token) : IVertexAccessTokenProvider
{
    public Task<VertexAccessToken> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}
