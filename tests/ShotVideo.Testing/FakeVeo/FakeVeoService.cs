using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 speaking the Gemini API's and Vertex AI's Veo wire formats (and the Cloud
/// Storage media download), strict about requests, scriptable in latency and faults, recording every request.
/// Point a client's base URLs at <see cref="GeminiBaseUrl"/>, <see cref="VertexBaseUrl"/> and <see cref="StorageBaseUrl"/>.
/// </summary>
public sealed class FakeVeoService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeVeoOperation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeVeoOperation> _operationsById = new(StringComparer.Ordinal);
    private FakeVeoClip _defaultClip = FakeVeoClip.StubShot;
    private FakeVeoQuota? _quota;

    private FakeVeoService(WebApplication app, FakeVeoOptions options)
    {
        _app = app;
        Options = options;
    }

    public FakeVeoOptions Options { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; private set; } = null!;

    public Uri GeminiBaseUrl => new(BaseUri, "v1beta/");

    public Uri VertexBaseUrl => new(BaseUri, "v1/");

    public Uri StorageBaseUrl => BaseUri;

    public FakeVeoScript Script { get; } = new();

    public FakeVeoRequestLog Requests { get; } = new();

    /// <summary>The clip served when a plan names none (the stub clip unless changed).</summary>
    public FakeVeoClip DefaultClip
    {
        get => Volatile.Read(ref _defaultClip);
        set => Volatile.Write(ref _defaultClip, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>A start quota (429 beyond N starts per window); null, the default, accepts every start.</summary>
    public FakeVeoQuota? Quota
    {
        get => Volatile.Read(ref _quota);
        set => Volatile.Write(ref _quota, value);
    }

    public IReadOnlyCollection<FakeVeoOperation> Operations => [.. _operations.Values];

    public static async Task<FakeVeoService> StartAsync(FakeVeoOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            await TricklingBody.DrainAsync(context).ConfigureAwait(false);
        });
        var service = new FakeVeoService(app, options ?? new FakeVeoOptions());
        GeminiEndpoints.Map(app, service);
        VertexEndpoints.Map(app, service);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    public FakeVeoOperation? FindOperation(string name) => _operations.TryGetValue(name, out var operation) ? operation : null;

    internal FakeVeoOperation? FindOperationById(string id) => _operationsById.TryGetValue(id, out var operation) ? operation : null;

    internal FakeVeoOperation CreateOperation(string backend, string model, Func<string, string> nameFor, JsonObject request)
    {
        string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var operation = new FakeVeoOperation(id, nameFor(id), backend, model, Script.TakePlan(), request);
        _operationsById[id] = operation;
        _operations[operation.Name] = operation;
        return operation;
    }

    /// <summary>Takes the next fault for <paramref name="endpoint"/>; a delay or slow body is served here and not returned.</summary>
    internal async Task<FakeVeoFault?> TakeFaultAsync(HttpContext context, FakeVeoEndpoint endpoint)
    {
        var fault = Script.TakeFault(endpoint);
        switch (fault?.Kind)
        {
            case FakeVeoFaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                return null;
            case FakeVeoFaultKind.SlowBody:
                TricklingBody.Install(context, fault.Delay);
                return null;
            default:
                return fault;
        }
    }

    /// <summary>Answers a status, drop, unreadable or large-body fault; false when the request should be served normally.</summary>
    internal static async Task<bool> AnswerFaultAsync(HttpContext context, FakeVeoFault? fault)
    {
        switch (fault?.Kind)
        {
            case FakeVeoFaultKind.Status:
                await GoogleErrorResult.WriteAsync(context, fault.StatusCode, fault.GoogleStatus, fault.Message, retryAfter: fault.RetryAfter).ConfigureAwait(false);
                return true;
            case FakeVeoFaultKind.DropConnection:
                context.Abort();
                return true;
            case FakeVeoFaultKind.UnreadableBody:
                context.Response.ContentType = fault.ContentType;
                await context.Response.WriteAsync(fault.Body, context.RequestAborted).ConfigureAwait(false);
                if (fault.DropAfterBody)
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    context.Abort();
                }

                return true;
            case FakeVeoFaultKind.LargeBody:
                await WriteLargeBodyAsync(context, fault).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A valid not-done operation whose metadata is padded to the fault's size, written in pieces.</summary>
    private static async Task WriteLargeBodyAsync(HttpContext context, FakeVeoFault fault)
    {
        var before = "{\"name\":\"operations/padded\",\"done\":false,\"metadata\":{\"padding\":\""u8.ToArray();
        var after = "\"}}"u8.ToArray();
        var response = context.Response;
        response.ContentType = "application/json; charset=UTF-8";
        if (fault.DeclaresLength)
        {
            response.ContentLength = fault.BodyBytes;
        }

        await response.Body.WriteAsync(before, context.RequestAborted).ConfigureAwait(false);
        var padding = new byte[64 * 1024];
        padding.AsSpan().Fill((byte)'a');
        for (long left = fault.BodyBytes - before.Length - after.Length; left > 0; left -= padding.Length)
        {
            await response.Body.WriteAsync(padding.AsMemory(0, (int)Math.Min(left, padding.Length)), context.RequestAborted).ConfigureAwait(false);
        }

        await response.Body.WriteAsync(after, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Serves a clip download, honouring a mid-body drop or a short body.</summary>
    internal static async Task WriteClipAsync(HttpContext context, FakeVeoOperation operation, FakeVeoClip clip, FakeVeoFault? fault)
    {
        var response = context.Response;
        response.ContentType = operation.Plan.ContentType;
        if (fault?.Kind == FakeVeoFaultKind.ShortBody)
        {
            // The response ends normally: at the HTTP level nothing tells the client the clip is cut short.
            long sent = (long)(clip.Length * fault.BodyFraction);
            response.ContentLength = fault.DeclaresLength ? sent : null;
            await clip.WriteToAsync(response.Body, context.RequestAborted, stopAfter: sent).ConfigureAwait(false);
            return;
        }

        response.ContentLength = clip.Length;
        if (fault?.Kind == FakeVeoFaultKind.DropMidBody)
        {
            await clip.WriteToAsync(response.Body, context.RequestAborted, stopAfter: clip.Length / 2).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await clip.WriteToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a JSON body whose one string value is the clip in base64, encoded while it is sent.</summary>
    internal static async Task WriteInlineAsync(HttpContext context, string jsonBefore, FakeVeoClip clip, string jsonAfter)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=UTF-8";
        var body = response.Body;
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(jsonBefore), context.RequestAborted).ConfigureAwait(false);
        await using (var base64 = new CryptoStream(body, new ToBase64Transform(), CryptoStreamMode.Write, leaveOpen: true))
        {
            await clip.WriteToAsync(base64, context.RequestAborted).ConfigureAwait(false);
            await base64.FlushFinalBlockAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(jsonAfter), context.RequestAborted).ConfigureAwait(false);
    }

    internal FakeVeoClip ClipOf(FakeVeoOperation operation) => operation.Plan.Clip ?? DefaultClip;

    public async ValueTask DisposeAsync()
    {
        // Requests still held by a scripted delay are cut off rather than waited for.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(shutdown.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
