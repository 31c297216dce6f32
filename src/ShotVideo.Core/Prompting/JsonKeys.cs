using System.Text.Json.Nodes;

namespace ShotVideo.Prompting;

/// <summary>
/// Reads keys that stored documents spell in snake_case and older or hand-made ones in camelCase
/// (<c>character_id</c> / <c>characterId</c>). Hand-written: System.Text.Json matches one spelling per property.
/// </summary>
internal static class JsonKeys
{
    /// <summary>The value under <paramref name="snakeCaseName"/> or its camelCase form; null when absent or JSON null.</summary>
    public static JsonNode? Get(JsonObject json, string snakeCaseName) =>
        json.TryGetPropertyValue(snakeCaseName, out var value) && value is not null
            ? value
            : json[ToCamelCase(snakeCaseName)];

    /// <summary>Removes the key in both spellings.</summary>
    public static void Remove(JsonObject json, string snakeCaseName)
    {
        json.Remove(snakeCaseName);
        json.Remove(ToCamelCase(snakeCaseName));
    }

    /// <summary>
    /// Reads a string value (null when absent or JSON null); false when the key holds something other than a string.
    /// </summary>
    public static bool TryGetString(JsonObject json, string snakeCaseName, out string? value)
    {
        var node = Get(json, snakeCaseName);
        value = null;
        return node is null || (node is JsonValue text && text.TryGetValue(out value));
    }

    private static string ToCamelCase(string snakeCaseName)
    {
        var parts = snakeCaseName.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
