using System.Security.Cryptography;
using MetadataExtractor.Util;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.References;

/// <summary>
/// The reference image files one plan reads: each distinct file is read once (characters' model sheets recur in many
/// shots) and its bytes kept, so what a run sends is exactly what its plan showed, and nothing is read twice.
/// </summary>
internal sealed class ReferenceImageFiles(string publicRoot)
{
    /// <summary>
    /// Largest image accepted. The Veo reference does not state a per-image limit; the APIs take inline request data
    /// up to 20 MB, so a larger image could never be sent.
    /// </summary>
    public const long MaxImageBytes = 20L * 1024 * 1024;

    private readonly Dictionary<string, Task<ReferenceFile>> _files = new(StringComparer.Ordinal);

    /// <summary>Reads the file once; later calls for the same path get the same answer.</summary>
    public Task<ReferenceFile> ReadAsync(string absolutePath, CancellationToken cancellationToken)
    {
        lock (_files)
        {
            if (!_files.TryGetValue(absolutePath, out var read))
            {
                read = LoadAsync(absolutePath, cancellationToken);
                _files[absolutePath] = read;
            }

            return read;
        }
    }

    /// <summary>Reads only a regular file inside the public folder, links resolved, and no larger than the cap (see <see cref="SafeAssetFile"/>).</summary>
    private async Task<ReferenceFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = (await SafeAssetFile.ReadAsync(path, publicRoot, MaxImageBytes, cancellationToken).ConfigureAwait(false)).Bytes;
        }
        catch (AssetFileException refused)
        {
            var problem = refused.Problem switch
            {
                AssetFileProblem.Missing => ReferenceFileProblem.Missing,
                AssetFileProblem.TooLarge => ReferenceFileProblem.TooLarge,
                AssetFileProblem.Unsafe => ReferenceFileProblem.Unsafe,
                _ => ReferenceFileProblem.Unreadable,
            };
            return ReferenceFile.Failed(problem, refused.Detail, refused.InnerException) with { Size = refused.Size };
        }

        // MetadataExtractor reads the file signatures (a PNG's includes its leading IHDR chunk header); short or empty
        // input is simply Unknown.
        var mimeType = FileTypeDetector.DetectFileType(new MemoryStream(bytes, writable: false)) switch
        {
            FileType.Png => "image/png",
            FileType.Jpeg => "image/jpeg",
            _ => null,
        };
        return mimeType is null
            ? ReferenceFile.Failed(ReferenceFileProblem.NotImage, "not a PNG or JPEG", null)
            : new ReferenceFile(new VideoReferenceImage(bytes, mimeType), Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), null, null, null) { Size = bytes.Length };
    }
}

/// <summary>Why a reference file could not be used.</summary>
internal enum ReferenceFileProblem
{
    Missing,
    Unreadable,
    NotImage,
    TooLarge,
    Unsafe,
}

/// <summary>One reference file as read: its image and hash, or the problem.</summary>
internal sealed record ReferenceFile(VideoReferenceImage? Image, string? Sha256, ReferenceFileProblem? Problem, string? Detail, Exception? Exception)
{
    public long Size { get; init; }

    public static ReferenceFile Failed(ReferenceFileProblem problem, string? detail, Exception? exception) => new(null, null, problem, detail, exception);

    /// <summary>The problem as the shot's error.</summary>
    public ShotVideoException Error(ShotKey shot, ReferenceImageChoice choice) => Problem switch
    {
        ReferenceFileProblem.Missing => ShotVideoErrors.ReferenceImageMissing(shot, choice.Description, choice.RelativePath, Exception),
        ReferenceFileProblem.NotImage => ShotVideoErrors.ReferenceImageNotImage(shot, choice.Description, choice.RelativePath),
        ReferenceFileProblem.TooLarge => ShotVideoErrors.ReferenceImageTooLarge(shot, choice.Description, choice.RelativePath, Size, ReferenceImageFiles.MaxImageBytes),
        ReferenceFileProblem.Unsafe => ShotVideoErrors.ReferenceImageUnsafe(shot, choice.Description, choice.RelativePath, Detail ?? "is not a regular file"),
        _ => ShotVideoErrors.ReferenceImageUnreadable(shot, choice.Description, choice.RelativePath, Detail ?? "unknown", Exception),
    };
}
