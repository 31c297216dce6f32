using System.Globalization;
using MetadataExtractor.Util;
using ShotVideo.Database;
using ShotVideo.Veo;

namespace ShotVideo.References;

/// <summary>Reads a chosen reference image and checks it is a PNG or JPEG the video APIs accept.</summary>
internal static class ReferenceImageLoader
{
    /// <summary>
    /// Largest image accepted. The Veo reference does not state a per-image limit; the APIs take inline request data
    /// up to 20 MB, so a larger image could never be sent.
    /// </summary>
    public const long MaxImageBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Loads the image. Throws <c>ShotVideoReferenceImageMissing</c>, <c>ShotVideoReferenceImageUnreadable</c>,
    /// <c>ShotVideoReferenceImageNotImage</c> or <c>ShotVideoReferenceImageTooLarge</c>.
    /// </summary>
    public static async Task<VideoReferenceImage> LoadAsync(
        ReferenceImageChoice choice, ShotRecord shot, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            await using var stream = new FileStream(
                choice.AbsolutePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            if (stream.Length > MaxImageBytes)
            {
                throw Failure(
                    "ShotVideoReferenceImageTooLarge",
                    ShotVideoErrorKind.InvalidData,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "is {0:N0} bytes, more than the {1:N0} the video APIs accept; save it smaller",
                        stream.Length,
                        MaxImageBytes),
                    choice,
                    shot);
            }

            bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Failure(
                "ShotVideoReferenceImageMissing",
                ShotVideoErrorKind.ObjectNotFound,
                "does not exist; run the step that makes it",
                choice,
                shot,
                exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Failure(
                "ShotVideoReferenceImageUnreadable",
                ShotVideoErrorKind.ResourceUnavailable,
                $"cannot be read ({exception.Message})",
                choice,
                shot,
                exception);
        }

        var mimeType = DetectMimeType(bytes) ?? throw Failure(
            "ShotVideoReferenceImageNotImage",
            ShotVideoErrorKind.InvalidData,
            "is not a PNG or JPEG image (judged by its bytes)", choice, shot);
        return new VideoReferenceImage(bytes, mimeType);
    }

    // MetadataExtractor reads the file signatures (a PNG's includes its leading IHDR chunk header); short or empty
    // input is simply Unknown.
    private static string? DetectMimeType(byte[] bytes) =>
        FileTypeDetector.DetectFileType(new MemoryStream(bytes, writable: false)) switch
        {
            FileType.Png => "image/png",
            FileType.Jpeg => "image/jpeg",
            _ => null,
        };

    private static ShotVideoException Failure(
        string errorId,
        ShotVideoErrorKind kind,
        string problem,
        ReferenceImageChoice choice,
        ShotRecord shot,
        Exception? inner = null) =>
        new(
            errorId,
            kind,
            $"The {choice.Description} for {shot.DisplayName}, '{choice.RelativePath}' ({choice.AbsolutePath}), {problem}.",
            inner)
        { StoryId = shot.StoryId, SceneletId = shot.SceneletId, ShotIndex = shot.ShotIndex };
}
