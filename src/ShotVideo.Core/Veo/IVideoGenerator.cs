namespace ShotVideo.Veo;

/// <summary>
/// Generates one video clip. Starting and finishing are separate calls because the operation name must be recorded
/// as soon as the start request answers: a later process can then finish (poll and download) the same paid job by
/// name alone, without starting a second one.
/// </summary>
public interface IVideoGenerator : IDisposable
{
    VideoBackend Backend { get; }

    /// <summary>Model id sent to the service, e.g. <c>veo-3.1-generate-001</c>.</summary>
    string Model { get; }

    /// <summary>
    /// Names the start-request quota this generator counts against (backend, project or key, model), for pacing shared
    /// by every run that uses it. Holds no secret: an API key appears only as a short fingerprint.
    /// </summary>
    string QuotaKey { get; }

    /// <summary>
    /// Validates the request and sends the one start request. It is never re-sent once it may have reached the server:
    /// when that is uncertain the outcome is <see cref="VideoStartUncertain"/>; a 429 (quota) is
    /// <see cref="VideoStartRefused"/>, for the caller's pacer to wait and send again. Throws when no job was surely created.
    /// </summary>
    Task<StartOutcome> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken);

    /// <summary>
    /// Polls the operation until it is done (or the time limit passes), then streams the MP4 into
    /// <paramref name="destination"/>, which must be readable, writable and seekable (the clip is checked from it, and
    /// a download that breaks off is retried from the stream's starting position). Returns how the operation ended;
    /// throws when it could not tell (the operation stays resumable).
    /// </summary>
    Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken);

    /// <summary>Estimated price in USD of generating <paramref name="request"/> with this backend and model; null when the model's price is unknown.</summary>
    decimal? EstimateCostUsd(VideoGenerationRequest request);
}
