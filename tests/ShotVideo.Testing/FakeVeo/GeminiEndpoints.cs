using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// The Gemini Developer API's Veo endpoints: <c>POST v1beta/models/{model}:predictLongRunning</c>,
/// <c>GET v1beta/models/{model}/operations/{id}</c>, <c>GET v1beta/files/{id}:download</c> (possibly 302 to a signed
/// URL that needs no key). The key must come in <c>x-goog-api-key</c>; one in the URL is refused.
/// </summary>
internal static class GeminiEndpoints
{
    private const string Backend = "gemini";

    public static void Map(WebApplication app, FakeVeoService service)
    {
        app.MapPost("/v1beta/models/{modelAction}", (HttpContext context, string modelAction) => StartAsync(context, service, modelAction));
        app.MapGet("/v1beta/models/{model}/operations/{id}", (HttpContext context) => PollAsync(context, service));
        app.MapGet("/v1beta/files/{fileAction}", (HttpContext context, string fileAction) => DownloadAsync(context, service, fileAction));
        app.MapGet("/signed/files/{id}", (HttpContext context, string id) => SignedDownloadAsync(context, service, id));
    }

    private static async Task StartAsync(HttpContext context, FakeVeoService service, string modelAction)
    {
        var request = await service.Requests.RecordAsync(context, FakeVeoEndpoint.Start, Backend);
        if (await FakeVeoQuota.RefuseStartAsync(context, service))
        {
            return;
        }

        var fault = await service.TakeFaultAsync(context, FakeVeoEndpoint.Start);
        bool afterAccept = fault?.AnswersAfterAccepting == true;
        if (!afterAccept && await FakeVeoService.AnswerFaultAsync(context, fault))
        {
            return;
        }

        if (!await AuthorizedAsync(context, service))
        {
            return;
        }

        int colon = modelAction.LastIndexOf(':');
        if (colon < 0 || modelAction[(colon + 1)..] != "predictLongRunning")
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND", $"Method not found: {modelAction}.");
            return;
        }

        string model = modelAction[..colon];
        if (!service.Options.GeminiModels.Contains(model))
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND",
                $"models/{model} is not found for API version v1beta, or is not supported for predictLongRunning. The model is no longer available.");
            return;
        }

        if (await RequestBody.ParseObjectAsync(context, request) is not { } body)
        {
            return;
        }

        if (PredictRequestRules.Check(body, vertex: false) is { } problem)
        {
            await GoogleErrorResult.InvalidArgumentAsync(context, problem);
            return;
        }

        var operation = service.CreateOperation(Backend, model, id => $"models/{model}/operations/{id}", body);
        if (afterAccept)
        {
            await FakeVeoService.AnswerFaultAsync(context, fault);
            return;
        }

        await context.Response.WriteAsJsonAsync(new { name = operation.Name });
    }

    private static async Task PollAsync(HttpContext context, FakeVeoService service)
    {
        await service.Requests.RecordAsync(context, FakeVeoEndpoint.Poll, Backend);
        if (await FakeVeoService.AnswerFaultAsync(context, await service.TakeFaultAsync(context, FakeVeoEndpoint.Poll)) || !await AuthorizedAsync(context, service))
        {
            return;
        }

        string name = context.Request.Path.Value!["/v1beta/".Length..];
        if (service.FindOperation(name) is not { Backend: Backend } operation)
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND", $"Operation {name} not found.");
            return;
        }

        if (!operation.Poll())
        {
            await context.Response.WriteAsJsonAsync(new { name = operation.Name, done = false });
            return;
        }

        var plan = operation.Plan;
        switch (plan.Outcome)
        {
            case FakeVeoOutcome.Error:
                await context.Response.WriteAsJsonAsync(new { name = operation.Name, done = true, error = new { code = plan.ErrorCode, message = plan.ErrorMessage } });
                return;
            case FakeVeoOutcome.SafetyFiltered:
                await WriteDoneAsync(context, operation, new JsonObject
                {
                    ["raiMediaFilteredCount"] = plan.FilteredReasons.Count,
                    ["raiMediaFilteredReasons"] = new JsonArray([.. plan.FilteredReasons.Select(r => JsonValue.Create(r))]),
                });
                return;
            case FakeVeoOutcome.NoVideo:
                await WriteDoneAsync(context, operation, new JsonObject { ["generatedSamples"] = new JsonArray() });
                return;
        }

        if (plan.Delivery == FakeVeoDelivery.Inline)
        {
            string before = $"{{\"name\":{JsonSerializer.Serialize(operation.Name)},\"done\":true,\"response\":{{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":{{\"generatedSamples\":[{{\"video\":{{\"encoding\":\"video/mp4\",\"encodedVideo\":\"";
            await FakeVeoService.WriteInlineAsync(context, before, service.ClipOf(operation), "\"}}]}}}");
            return;
        }

        string uri = $"{context.Request.Scheme}://{context.Request.Host}/v1beta/files/{operation.Id}:download?alt=media";
        await WriteDoneAsync(context, operation, new JsonObject
        {
            ["generatedSamples"] = new JsonArray(new JsonObject { ["video"] = new JsonObject { ["uri"] = uri } }),
        });
    }

    private static Task WriteDoneAsync(HttpContext context, FakeVeoOperation operation, JsonObject generateVideoResponse) =>
        context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["name"] = operation.Name,
            ["done"] = true,
            ["response"] = new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                ["generateVideoResponse"] = generateVideoResponse,
            },
        });

    private static async Task DownloadAsync(HttpContext context, FakeVeoService service, string fileAction)
    {
        await service.Requests.RecordAsync(context, FakeVeoEndpoint.Download, Backend);
        var fault = await service.TakeFaultAsync(context, FakeVeoEndpoint.Download);
        if (await FakeVeoService.AnswerFaultAsync(context, fault) || !await AuthorizedAsync(context, service))
        {
            return;
        }

        string id = fileAction.EndsWith(":download", StringComparison.Ordinal) ? fileAction[..^":download".Length] : "";
        if (service.FindOperationById(id) is not { Backend: Backend } operation || context.Request.Query["alt"] != "media")
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND", $"File {fileAction} not found.");
            return;
        }

        switch (operation.Plan.Delivery)
        {
            case FakeVeoDelivery.Redirect:
                context.Response.Redirect($"/signed/files/{operation.Id}?sig=fake-signature");
                return;
            case FakeVeoDelivery.RedirectToOtherHost:
                context.Response.Redirect($"{context.Request.Scheme}://localhost:{context.Request.Host.Port}/signed/files/{operation.Id}?sig=fake-signature");
                return;
        }

        await FakeVeoService.WriteClipAsync(context, operation, service.ClipOf(operation), fault);
    }

    /// <summary>A signed storage URL: authorised by its signature, no key needed (and none should be sent).</summary>
    private static async Task SignedDownloadAsync(HttpContext context, FakeVeoService service, string id)
    {
        await service.Requests.RecordAsync(context, FakeVeoEndpoint.Download, "signed-storage");
        var fault = await service.TakeFaultAsync(context, FakeVeoEndpoint.Download);
        if (await FakeVeoService.AnswerFaultAsync(context, fault))
        {
            return;
        }

        if (context.Request.Query["sig"] != "fake-signature" || service.FindOperationById(id) is not { } operation)
        {
            await GoogleErrorResult.WriteAsync(context, 403, null, "Forbidden");
            return;
        }

        await FakeVeoService.WriteClipAsync(context, operation, service.ClipOf(operation), fault);
    }

    /// <summary>Google's answers: no key → 403, a wrong key → 400 API_KEY_INVALID; and (stricter than Google) no key in the URL.</summary>
    private static async Task<bool> AuthorizedAsync(HttpContext context, FakeVeoService service)
    {
        if (context.Request.Query.ContainsKey("key"))
        {
            await GoogleErrorResult.InvalidArgumentAsync(context, "API keys must be sent in the x-goog-api-key header, not in the URL.");
            return false;
        }

        string? key = context.Request.Headers["x-goog-api-key"];
        if (string.IsNullOrEmpty(key))
        {
            await GoogleErrorResult.WriteAsync(context, 403, "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
            return false;
        }

        if (key != service.Options.ApiKey)
        {
            await GoogleErrorResult.WriteAsync(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", reason: "API_KEY_INVALID");
            return false;
        }

        return true;
    }
}
