namespace ShotVideo.Veo;

/// <summary>
/// A free, offline generator for trying a run end to end: it validates requests exactly as the real clients do and
/// answers every one with the same small stub clip.
/// </summary>
public sealed class StubVideoGenerator : IVideoGenerator
{
    private readonly string _clipPath;

    public StubVideoGenerator(StubVideoOptions? options = null)
    {
        _clipPath = options?.ClipPath ?? StubClipLocator.Find();
        if (!File.Exists(_clipPath))
        {
            throw ShotVideoErrors.StubClipMissing($"'{_clipPath}' does not exist");
        }
    }

    public VideoBackend Backend => VideoBackend.Stub;

    public string Model => "stub";

    public string QuotaKey => "stub";

    public Task<StartOutcome> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Both backends' rules: a request the stub accepts is one every real backend accepts.
        VideoRequestValidator.Validate(request, vertexRules: true);
        return Task.FromResult<StartOutcome>(new VideoStarted(new VideoOperation(Backend, Model, $"stub/operations/{Guid.NewGuid():N}")));
    }

    public async Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanRead || !destination.CanWrite || !destination.CanSeek)
        {
            throw new ArgumentException("The destination stream must be readable, writable and seekable.", nameof(destination));
        }

        observer?.Polled(operation, 1, TimeSpan.Zero, done: true);
        long start = destination.Position;
        destination.SetLength(start);
        await using (var clip = new FileStream(_clipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            await clip.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        long count = destination.Position - start;
        destination.Position = start;
        var facts = Mp4Inspector.Inspect(destination, $"the stub clip '{_clipPath}'");
        destination.Position = start + count;
        return new VideoGenerated(operation, "video/mp4", count, facts);
    }

    public decimal? EstimateCostUsd(VideoGenerationRequest request) => 0m;

    public void Dispose()
    {
    }
}
