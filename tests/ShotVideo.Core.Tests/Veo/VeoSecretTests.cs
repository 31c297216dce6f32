using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

/// <summary>No key or token ever appears in an exception (message, inner exceptions or stack text), whatever fails.</summary>
public sealed class VeoSecretTests : IAsyncLifetime
{
    private FakeVeoService _fake = null!;

    public static TheoryData<VideoBackend, string> Failures()
    {
        var data = new TheoryData<VideoBackend, string>();
        foreach (var backend in new[] { VideoBackend.GeminiApi, VideoBackend.VertexAi })
        {
            foreach (var failure in new[] { "400", "401", "403", "404", "429", "500-start", "drop-start", "500-poll", "drop-download", "refused", "operation-error", "not-mp4", "timeout" })
            {
                data.Add(backend, failure);
            }
        }

        return data;
    }

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task No_secret_in_any_exception(VideoBackend backend, string failure)
    {
        // Google never echoes the secret; make the fake's messages quote the client's own secret to prove it is blanked.
        string secret = backend == VideoBackend.GeminiApi ? _fake.Options.ApiKey : _fake.Options.VertexToken;
        string secrets = $"credential={secret}";
        Uri? baseUrl = null;
        var options = new { Timeout = TimeSpan.FromSeconds(20), Retry = VeoTestKit.FastRetry with { MaxAttempts = 2 } };
        switch (failure)
        {
            case "400": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(400, "INVALID_ARGUMENT", "bad " + secrets)); break;
            case "401": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(401, "UNAUTHENTICATED", "no " + secrets)); break;
            case "403": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(403, "PERMISSION_DENIED", "no " + secrets)); break;
            case "404": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(404, "NOT_FOUND", "gone " + secrets)); break;
            // A 429 on the start request goes to the pacer without text; on polls it becomes an error quoting the server.
            case "429": _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Status(429, "RESOURCE_EXHAUSTED", "slow " + secrets), times: 10); break;
            case "500-start": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.Status(500, null, secrets)); break;
            case "drop-start": _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.DropConnection()); break;
            case "500-poll": _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.Status(500, "INTERNAL", secrets), times: 2); break;
            case "drop-download":
                _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Delivery = FakeVeoDelivery.Default };
                _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.DropConnection(), times: 2);
                if (backend == VideoBackend.VertexAi)
                {
                    _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.DropConnection(), times: 2);
                }

                break;
            case "refused": baseUrl = new Uri("http://127.0.0.1:1/v1/"); break;
            case "operation-error": _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error, ErrorMessage = "failed " + secrets }; break;
            case "not-mp4": _fake.Script.DefaultPlan = new FakeVeoOperationPlan { Clip = FakeVeoClip.FromBytes(System.Text.Encoding.UTF8.GetBytes(secrets)) }; break;
            case "timeout": _fake.Script.DefaultPlan = new FakeVeoOperationPlan { PollsUntilDone = int.MaxValue }; options = options with { Timeout = TimeSpan.FromMilliseconds(200) }; break;
        }

        using IVideoGenerator generator = backend == VideoBackend.GeminiApi
            ? VeoVideoGenerator.ForGeminiApi(VeoTestKit.Gemini(_fake) with { BaseUrl = baseUrl ?? _fake.GeminiBaseUrl, Timeout = options.Timeout, Retry = options.Retry })
            : VeoVideoGenerator.ForVertexAi(VeoTestKit.Vertex(_fake) with { BaseUrl = baseUrl ?? _fake.VertexBaseUrl, Timeout = options.Timeout, Retry = options.Retry });

        var told = await WhatTheClientSaysAsync(generator);

        Assert.DoesNotContain(secret, told);
        if (failure is "400" or "401" or "403" or "404" or "429" or "operation-error")
        {
            Assert.Contains("credential=***", told); // the server's text is quoted, with the secret blanked
        }
    }

    /// <summary>Every text a failure produces: an exception's whole ToString, or the reason of an outcome that is not a clip.</summary>
    private static async Task<string> WhatTheClientSaysAsync(IVideoGenerator generator)
    {
        try
        {
            switch (await generator.StartAsync(VeoTestKit.WithReferences(1), null, CancellationToken.None))
            {
                case VideoStartUncertain uncertain:
                    return uncertain.Reason;
                case VideoStartRefused refused:
                    return refused.Reason;
                case VideoStarted started:
                    var outcome = await generator.CompleteAsync(started.Operation, new MemoryStream(), null, CancellationToken.None);
                    return Assert.IsType<VideoFailed>(outcome).Reason;
                default:
                    throw new InvalidOperationException();
            }
        }
        catch (ShotVideoException error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorId));
            return error.ToString() + error.RecommendedAction;
        }
    }
}
