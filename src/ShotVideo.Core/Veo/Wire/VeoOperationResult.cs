using ShotVideo.Veo.Http;

namespace ShotVideo.Veo.Wire;

/// <summary>
/// A polled operation as both backends report it. When done, exactly one of: <see cref="Error"/>, a video
/// (<see cref="DownloadUri"/> or an inline base64 value in the property <see cref="InlineProperty"/>), or neither
/// (safety-filtered when <see cref="FilteredCount"/> is positive).
/// </summary>
internal sealed record VeoOperationResult(bool Done)
{
    public GoogleErrorBody? Error { get; init; }

    public int FilteredCount { get; init; }

    public IReadOnlyList<string> FilteredReasons { get; init; } = [];

    public Uri? DownloadUri { get; init; }

    public string? InlineProperty { get; init; }

    public string MimeType { get; init; } = "video/mp4";

    public static VeoOperationResult Pending { get; } = new(false);
}
