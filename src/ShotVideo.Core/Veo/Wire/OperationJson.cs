using System.Text.Json;
using ShotVideo.Veo.Http;

namespace ShotVideo.Veo.Wire;

/// <summary>Small lenient readers for the operation JSON both backends return.</summary>
internal static class OperationJson
{
    public static bool IsDone(JsonElement operation) =>
        operation.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True;

    public static GoogleErrorBody? Error(JsonElement operation) =>
        operation.TryGetProperty("error", out var error) ? GoogleErrorBody.FromStatus(error) : null;

    public static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    public static JsonElement? FirstItem(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0 ? a[0] : null;

    public static string? String(JsonElement? element, string name) =>
        element is { } e && Child(e, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    /// <summary>Whether a string property is present, without materialising it (an inline clip is megabytes of base64).</summary>
    public static bool HasString(JsonElement? element, string name) =>
        element is { } e && Child(e, name) is { ValueKind: JsonValueKind.String };

    public static int FilteredCount(JsonElement? response) =>
        response is { } r && Child(r, "raiMediaFilteredCount") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var count) ? count : 0;

    public static IReadOnlyList<string> FilteredReasons(JsonElement? response) =>
        response is { } r && Child(r, "raiMediaFilteredReasons") is { ValueKind: JsonValueKind.Array } reasons
            ? reasons.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];

    /// <summary>The request URL's scheme, host and port, for deciding where credentials may go.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
