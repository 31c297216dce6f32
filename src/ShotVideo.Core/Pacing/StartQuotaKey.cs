using System.Security.Cryptography;
using System.Text;

namespace ShotVideo.Pacing;

/// <summary>
/// Names the quota a start request counts against: <c>backend:project-or-key:model</c>. Google counts Veo start requests
/// per project and model (Vertex AI also per region); the Gemini API's project is not visible to us, so its key stands in
/// for it. The key itself never appears: only a short SHA-256 fingerprint, which cannot be turned back into the key.
/// </summary>
internal static class StartQuotaKey
{
    public static string ForGeminiApi(string apiKey, string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return $"gemini-api:key-{Fingerprint(apiKey)}:{model}";
    }

    public static string ForVertexAi(string project, string location, string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(project);
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return $"vertex-ai:{project}/{location}:{model}";
    }

    /// <summary>The first 12 hex digits (48 bits) of the secret's SHA-256: enough to tell keys apart, useless to an attacker.</summary>
    public static string Fingerprint(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 6).ToLowerInvariant();
}
