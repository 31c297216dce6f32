using System.Text.Json;

namespace ShotVideo.Veo.Http;

/// <summary>Google's error envelope <c>{"error": {"code", "message", "status", "details": [{"reason"}]}}</c>, read leniently.</summary>
internal sealed record GoogleErrorBody(int Code, string Message, string Status, IReadOnlyList<string> Reasons)
{
    /// <summary>Parses an error body; null when it is not Google's envelope (e.g. a proxy's HTML page).</summary>
    public static GoogleErrorBody? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? FromStatus(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a google.rpc.Status object (also the shape of a failed operation's <c>error</c>).</summary>
    public static GoogleErrorBody? FromStatus(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        int code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
        string message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        string status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        var reasons = new List<string>();
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                {
                    reasons.Add(r.GetString()!);
                }
            }
        }

        return new GoogleErrorBody(code, message, status, reasons);
    }
}
