using System.Collections.Concurrent;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

/// <summary>Options pointing the real clients at a fake service, with tiny delays so tests run fast.</summary>
internal static class VeoTestKit
{
    public static readonly VeoRetryOptions FastRetry = new() { FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20), UseJitter = false };

    // A PNG signature and header start are enough: the fake checks base64 and MIME type, not pixels.
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 9, 9];

    public static GeminiApiOptions Gemini(FakeVeoService fake) => new()
    {
        ApiKey = fake.Options.ApiKey,
        BaseUrl = fake.GeminiBaseUrl,
        PollInterval = TimeSpan.FromMilliseconds(5),
        Timeout = TimeSpan.FromSeconds(20),
        Retry = FastRetry,
        GetEnvironmentVariable = _ => null,
    };

    public static VertexAiOptions Vertex(FakeVeoService fake, string? quotaProject = null) => new()
    {
        Project = "story-project",
        Location = "us-central1",
        BaseUrl = fake.VertexBaseUrl,
        StorageBaseUrl = fake.StorageBaseUrl,
        TokenProvider = new FixedVertexAccessTokenProvider(new VertexAccessToken(fake.Options.VertexToken, quotaProject)),
        PollInterval = TimeSpan.FromMilliseconds(5),
        Timeout = TimeSpan.FromSeconds(20),
        Retry = FastRetry,
        GetEnvironmentVariable = _ => null,
    };

    public static VideoGenerationRequest WithReferences(int count = 2) => new("A lighthouse keeper climbs the stairs at dusk.")
    {
        ReferenceImages = [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? new VideoReferenceImage(Png, "image/png") : new VideoReferenceImage(Jpeg, "image/jpeg"))],
    };

    public static async Task<(VideoOperation Operation, VideoOutcome Outcome, MemoryStream Clip)> GenerateAsync(
        IVideoGenerator generator, VideoGenerationRequest request, IVideoGenerationObserver? observer = null)
    {
        var operation = await generator.StartedAsync(request, observer);
        var clip = new MemoryStream();
        var outcome = await generator.CompleteAsync(operation, clip, observer, CancellationToken.None);
        return (operation, outcome, clip);
    }

    public static byte[] StubClipBytes() => File.ReadAllBytes(StubClipLocator.Find());

    /// <summary>Starts a job that must be accepted, and returns its operation.</summary>
    public static async Task<VideoOperation> StartedAsync(
        this IVideoGenerator generator, VideoGenerationRequest request, IVideoGenerationObserver? observer = null, CancellationToken cancellationToken = default) =>
        Assert.IsType<VideoStarted>(await generator.StartAsync(request, observer, cancellationToken)).Operation;
}

/// <summary>Keeps every observer event, from any thread.</summary>
internal sealed class RecordingObserver : IVideoGenerationObserver
{
    public ConcurrentQueue<(int Attempt, TimeSpan Elapsed, bool Done)> Polls { get; } = new();

    public ConcurrentQueue<(string Step, int Attempt, TimeSpan Delay, string Reason)> Retries { get; } = new();

    public void Polled(VideoOperation operation, int attempt, TimeSpan elapsed, bool done) => Polls.Enqueue((attempt, elapsed, done));

    public void Retrying(string step, int failedAttempt, TimeSpan delay, string reason) => Retries.Enqueue((step, failedAttempt, delay, reason));
}
