using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShotVideo.References;

namespace ShotVideo.Ledger;

/// <summary>
/// What an attempt's start request sent, as the ledger keeps it: the prompt text, and the reference images the plan
/// considered (those sent, in order, then those not sent, with why), each with the SHA-256 of its bytes.
/// </summary>
internal sealed record SentRequest(string Prompt, IReadOnlyList<PlannedReference> References)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 of the prompt (UTF-8, lowercase hex): tells takes of different prompts apart.</summary>
    public string PromptSha256 => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Prompt))).ToLowerInvariant();

    /// <summary>Whether a start request made now from <paramref name="prompt"/> and <paramref name="references"/> would
    /// send something else: another prompt, or other images (by path and content) in another order.</summary>
    public bool DiffersFrom(string? prompt, IReadOnlyList<PlannedReference> references) =>
        prompt != Prompt || !SentImages(references).SequenceEqual(SentImages(References));

    internal static string ToJson(IReadOnlyList<PlannedReference> references) => JsonSerializer.Serialize(references, Json);

    internal static IReadOnlyList<PlannedReference> FromJson(string json) => JsonSerializer.Deserialize<PlannedReference[]>(json, Json) ?? [];

    private static IEnumerable<(string Path, string? Sha256)> SentImages(IReadOnlyList<PlannedReference> references) =>
        references.Where(reference => reference.Sent).Select(reference => (reference.Path, reference.Sha256));
}
