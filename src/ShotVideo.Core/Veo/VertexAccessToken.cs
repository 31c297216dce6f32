namespace ShotVideo.Veo;

/// <summary>A bearer token for Vertex AI and, when the credential has one, the quota project billed for the calls.</summary>
public sealed record VertexAccessToken(string Token, string? QuotaProject)
{
    // A token is a secret: never print it.
    public override string ToString() => $"VertexAccessToken {{ Token = ***, QuotaProject = {QuotaProject} }}";
}
