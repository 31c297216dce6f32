using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>Parses a recorded JSON request body, answering 400 like Google for anything that is not a JSON object.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject?> ParseObjectAsync(HttpContext context, FakeVeoRequest request)
    {
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await GoogleErrorResult.InvalidArgumentAsync(context, "Content-Type must be application/json.").ConfigureAwait(false);
            return null;
        }

        try
        {
            if (JsonNode.Parse(request.Body) is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException)
        {
        }

        await GoogleErrorResult.InvalidArgumentAsync(context, "Invalid JSON payload received.").ConfigureAwait(false);
        return null;
    }
}
