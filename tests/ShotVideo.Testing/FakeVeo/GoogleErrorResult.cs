using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>Writes errors the way Google's APIs do: <c>{"error": {"code", "message", "status", "details"}}</c>.</summary>
internal static class GoogleErrorResult
{
    public static Task WriteAsync(HttpContext context, int code, string? status, string message, string? reason = null, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = code;
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status is null)
        {
            // Not Google's envelope: what a proxy or load balancer in between might send.
            response.ContentType = "text/html";
            return response.WriteAsync($"<html><body>{code} {message}</body></html>", context.RequestAborted);
        }

        object[] details = reason is null ? [] : [new Dictionary<string, object> { ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo", ["reason"] = reason, ["domain"] = "googleapis.com" }];
        var body = new { error = new { code, message, status, details } };
        response.ContentType = "application/json; charset=UTF-8";
        return response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public static Task InvalidArgumentAsync(HttpContext context, string message) => WriteAsync(context, 400, "INVALID_ARGUMENT", message);
}
