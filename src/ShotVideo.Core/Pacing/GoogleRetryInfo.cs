using System.Globalization;
using System.Text.Json;

namespace ShotVideo.Pacing;

/// <summary>
/// Reads the delay Google asks for in a 429 body: <c>error.details[]</c> holds a <c>google.rpc.RetryInfo</c> with
/// <c>retryDelay</c>, a protobuf Duration written in JSON as decimal seconds with an "s" suffix (<c>"38s"</c>,
/// <c>"1.500s"</c>). Quota 429s usually come without a Retry-After header, so this is where the server's wish is.
/// </summary>
internal static class GoogleRetryInfo
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    /// <summary>The requested delay, or null when the body is not Google's error envelope or carries no RetryInfo.</summary>
    public static TimeSpan? TryGetRetryDelay(string? errorBody)
    {
        if (string.IsNullOrWhiteSpace(errorBody))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(errorBody);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object
                    && detail.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == RetryInfoType
                    && detail.TryGetProperty("retryDelay", out var delay))
                {
                    return ParseDuration(delay);
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A Duration as JSON: <c>"38s"</c> (the canonical form), or <c>{"seconds": 38, "nanos": 0}</c> as some proxies write it.</summary>
    internal static TimeSpan? ParseDuration(JsonElement value)
    {
        double seconds;
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!.Trim();
            if (!text.EndsWith('s')
                || !double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            seconds = (value.TryGetProperty("seconds", out var s) && TryNumber(s, out var whole) ? whole : 0)
                + (value.TryGetProperty("nanos", out var n) && TryNumber(n, out var nanos) ? nanos / 1e9 : 0);
        }
        else
        {
            return null;
        }

        // A day is far beyond any per-minute quota's wish; anything larger is nonsense rather than a plan.
        return seconds is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds) : null;
    }

    // int64 fields are strings in proto3 JSON ("38"), numbers elsewhere.
    private static bool TryNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
