namespace ShotVideo.Veo;

/// <summary>
/// Veo list prices in USD per second of output (from Google's pricing as recorded in veo-api.md, late 2026; check
/// before relying on it). Used for dry-run and per-shot cost estimates.
/// </summary>
public static class VeoPriceTable
{
    // model family prefix → (with audio, video only). Fast with audio is quoted for 1080p.
    private static readonly (string Family, decimal WithAudio, decimal VideoOnly)[] Prices =
    [
        ("veo-3.1-fast-generate", 0.12m, 0.10m),
        ("veo-3.1-generate", 0.40m, 0.20m),
    ];

    /// <summary>The estimated price of <paramref name="seconds"/> of output from <paramref name="model"/>, or null for a model not in the table.</summary>
    public static decimal? EstimateCost(string model, int seconds, bool withAudio)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        foreach (var (family, audio, silent) in Prices)
        {
            // "veo-3.1-generate-preview", "veo-3.1-generate-001" and the like share the family's price.
            if (model.Equals(family, StringComparison.OrdinalIgnoreCase) || model.StartsWith(family + "-", StringComparison.OrdinalIgnoreCase))
            {
                return seconds * (withAudio ? audio : silent);
            }
        }

        return null;
    }
}
