using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// Vertex AI's Veo endpoints: <c>POST v1/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning</c>
/// and <c>…:fetchPredictOperation</c>, plus the Cloud Storage media download
/// <c>GET storage/v1/b/{bucket}/o/{object}?alt=media</c>. Every call needs <c>Authorization: Bearer</c> with the token.
/// </summary>
internal static class VertexEndpoints
{
    private const string Backend = "vertex";

    public static void Map(WebApplication app, FakeVeoService service)
    {
        app.MapPost("/v1/projects/{project}/locations/{location}/publishers/google/models/{modelAction}",
            (HttpContext context, string project, string location, string modelAction) => DispatchAsync(context, service, project, location, modelAction));
        app.MapGet("/storage/v1/b/{bucket}/o/{objectName}", (HttpContext context, string bucket, string objectName) => DownloadAsync(context, service, bucket, objectName));
    }

    private static Task DispatchAsync(HttpContext context, FakeVeoService service, string project, string location, string modelAction)
    {
        int colon = modelAction.LastIndexOf(':');
        string model = colon < 0 ? modelAction : modelAction[..colon];
        string prefix = $"projects/{project}/locations/{location}/publishers/google/models/{model}";
        return (colon < 0 ? "" : modelAction[(colon + 1)..]) switch
        {
            "predictLongRunning" => StartAsync(context, service, prefix, model),
            "fetchPredictOperation" => PollAsync(context, service, prefix),
            _ => GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND", $"Method not found: {modelAction}."),
        };
    }

    private static async Task StartAsync(HttpContext context, FakeVeoService service, string prefix, string model)
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

        if (!service.Options.VertexModels.Contains(model))
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND",
                $"Publisher Model `{prefix}` was not found or your project does not have access to it.");
            return;
        }

        if (await RequestBody.ParseObjectAsync(context, request) is not { } body)
        {
            return;
        }

        if (PredictRequestRules.Check(body, vertex: true) is { } problem)
        {
            await GoogleErrorResult.InvalidArgumentAsync(context, problem);
            return;
        }

        var operation = service.CreateOperation(Backend, model, id => $"{prefix}/operations/{id}", body);
        if (afterAccept)
        {
            await FakeVeoService.AnswerFaultAsync(context, fault);
            return;
        }

        await context.Response.WriteAsJsonAsync(new { name = operation.Name });
    }

    private static async Task PollAsync(HttpContext context, FakeVeoService service, string prefix)
    {
        var request = await service.Requests.RecordAsync(context, FakeVeoEndpoint.Poll, Backend);
        if (await FakeVeoService.AnswerFaultAsync(context, await service.TakeFaultAsync(context, FakeVeoEndpoint.Poll)) || !await AuthorizedAsync(context, service))
        {
            return;
        }

        if (await RequestBody.ParseObjectAsync(context, request) is not { } body)
        {
            return;
        }

        if (body.Count != 1 || body["operationName"] is not JsonValue nameNode || nameNode.GetValueKind() != JsonValueKind.String)
        {
            await GoogleErrorResult.InvalidArgumentAsync(context, "The body must be exactly {\"operationName\": \"<full operation name>\"}.");
            return;
        }

        string name = nameNode.GetValue<string>();
        if (!name.StartsWith(prefix + "/operations/", StringComparison.Ordinal) || service.FindOperation(name) is not { Backend: Backend } operation)
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
        const string type = "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse";
        switch (plan.Outcome)
        {
            case FakeVeoOutcome.Error:
                await context.Response.WriteAsJsonAsync(new { name = operation.Name, done = true, error = new { code = plan.ErrorCode, message = plan.ErrorMessage } });
                return;
            case FakeVeoOutcome.SafetyFiltered:
                await WriteDoneAsync(context, operation, new JsonObject
                {
                    ["@type"] = type,
                    ["raiMediaFilteredCount"] = plan.FilteredReasons.Count,
                    ["raiMediaFilteredReasons"] = new JsonArray([.. plan.FilteredReasons.Select(r => JsonValue.Create(r))]),
                });
                return;
            case FakeVeoOutcome.NoVideo:
                await WriteDoneAsync(context, operation, new JsonObject { ["@type"] = type, ["raiMediaFilteredCount"] = 0 });
                return;
        }

        string? storageUri = (operation.Request["parameters"] as JsonObject)?["storageUri"]?.GetValue<string>();
        if (storageUri is not null && plan.Delivery != FakeVeoDelivery.Inline)
        {
            string gcsUri = $"{storageUri.TrimEnd('/')}/{operation.Id}/sample_0.mp4";
            await WriteDoneAsync(context, operation, new JsonObject
            {
                ["@type"] = type,
                ["videos"] = new JsonArray(new JsonObject { ["gcsUri"] = gcsUri, ["mimeType"] = "video/mp4" }),
                ["raiMediaFilteredCount"] = 0,
            });
            return;
        }

        string before = $"{{\"name\":{JsonSerializer.Serialize(operation.Name)},\"done\":true,\"response\":{{\"@type\":\"{type}\",\"raiMediaFilteredCount\":0,\"videos\":[{{\"mimeType\":\"video/mp4\",\"bytesBase64Encoded\":\"";
        await FakeVeoService.WriteInlineAsync(context, before, service.ClipOf(operation), "\"}]}}");
    }

    private static Task WriteDoneAsync(HttpContext context, FakeVeoOperation operation, JsonObject response) =>
        context.Response.WriteAsJsonAsync(new JsonObject { ["name"] = operation.Name, ["done"] = true, ["response"] = response });

    private static async Task DownloadAsync(HttpContext context, FakeVeoService service, string bucket, string objectName)
    {
        await service.Requests.RecordAsync(context, FakeVeoEndpoint.Download, "storage");
        var fault = await service.TakeFaultAsync(context, FakeVeoEndpoint.Download);
        if (await FakeVeoService.AnswerFaultAsync(context, fault) || !await AuthorizedAsync(context, service))
        {
            return;
        }

        // The object name arrives percent-encoded (its slashes as %2F), as the JSON API requires.
        string path = Uri.UnescapeDataString(objectName);
        string id = path.Split('/') is [.., var opId, "sample_0.mp4"] ? opId : "";
        if (context.Request.Query["alt"] != "media" || service.FindOperationById(id) is not { Backend: Backend } operation)
        {
            await GoogleErrorResult.WriteAsync(context, 404, "NOT_FOUND", $"No such object: {bucket}/{path}");
            return;
        }

        await FakeVeoService.WriteClipAsync(context, operation, service.ClipOf(operation), fault);
    }

    private static async Task<bool> AuthorizedAsync(HttpContext context, FakeVeoService service)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (authorization != "Bearer " + service.Options.VertexToken)
        {
            await GoogleErrorResult.WriteAsync(context, 401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
            return false;
        }

        return true;
    }
}
