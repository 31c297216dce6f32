using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Util;

namespace ShotVideo.Veo;

/// <summary>
/// Checks that a clip is a whole MP4 with a video track (<see cref="Mp4Boxes"/>) and reads its <see cref="Mp4Facts"/>
/// with MetadataExtractor; compares the facts with what was asked.
/// </summary>
internal static class Mp4Inspector
{
    private const double DurationToleranceSeconds = 0.5;
    private const double AspectTolerance = 0.01;

    /// <summary>
    /// Inspects the clip from the seekable stream's current position to its end; throws <c>ShotVideoNotMp4</c> or
    /// <c>ShotVideoIncompleteMp4</c> when it is not usable. The position is left unspecified.
    /// </summary>
    public static Mp4Facts Inspect(Stream clip, string whatForMessages)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var inspection = Examine(clip, clip.Length - clip.Position);
        return inspection.IsUsable ? inspection.Facts : throw inspection.ToException(whatForMessages);
    }

    /// <summary>
    /// Examines the <paramref name="length"/> bytes of the seekable <paramref name="clip"/> from its current position:
    /// their boxes must add up to exactly that length (a cut-off or over-long download fails as
    /// <see cref="Mp4ProblemKind.Incomplete"/>). The stream should end where the clip does, as MetadataExtractor reads
    /// boxes up to the end of the stream. The position is left unspecified.
    /// </summary>
    public static Mp4Inspection Examine(Stream clip, long length)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!clip.CanRead || !clip.CanSeek)
        {
            throw new ArgumentException("The clip stream must be readable and seekable.", nameof(clip));
        }

        long start = clip.Position;
        if (Mp4Boxes.FindProblem(clip, start, length) is { } problem)
        {
            return problem;
        }

        clip.Position = start;
        FileType type;
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            type = FileTypeDetector.DetectFileType(clip);
            clip.Position = start;
            directories = type is FileType.Mp4 or FileType.QuickTime ? QuickTimeMetadataReader.ReadMetadata(clip) : [];
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException)
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.NotMp4, $"its container could not be read ({ex.Message})");
        }

        if (type is not (FileType.Mp4 or FileType.QuickTime))
        {
            // e.g. a HEIF image, which is also an ISO BMFF file starting with 'ftyp'.
            return Mp4Inspection.Failed(Mp4ProblemKind.NotMp4, "its file type box does not name an MP4 movie");
        }

        var brand = directories.OfType<QuickTimeFileTypeDirectory>().FirstOrDefault()?.GetString(QuickTimeFileTypeDirectory.TagMajorBrand);
        var movie = directories.OfType<QuickTimeMovieHeaderDirectory>().FirstOrDefault();
        if (movie is null || !movie.ContainsTag(QuickTimeMovieHeaderDirectory.TagDuration))
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, "it has no movie header (moov/mvhd)");
        }

        var duration = movie.GetObject(QuickTimeMovieHeaderDirectory.TagDuration) is TimeSpan span ? span : TimeSpan.Zero;
        var tracks = directories.OfType<QuickTimeTrackHeaderDirectory>().ToList();
        // Visual tracks have a frame size; sound tracks have none and a non-zero volume (ISO/IEC 14496-12 tkhd).
        var video = tracks.FirstOrDefault(t => Size(t, QuickTimeTrackHeaderDirectory.TagWidth) > 0);
        if (video is null)
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.NoVideoTrack, "its video track has no frame size");
        }

        bool hasAudio = tracks.Any(t => Size(t, QuickTimeTrackHeaderDirectory.TagWidth) == 0 && Size(t, QuickTimeTrackHeaderDirectory.TagVolume) > 0);
        return Mp4Inspection.Usable(new Mp4Facts(brand ?? "", duration,
            (int)Size(video, QuickTimeTrackHeaderDirectory.TagWidth), (int)Size(video, QuickTimeTrackHeaderDirectory.TagHeight), hasAudio));
    }

    /// <summary>
    /// How the clip differs from what was asked, as sentences for warnings (e.g. "the clip is 2.5 s long, 8 s was
    /// asked"); empty when it matches. A mismatch is worth a warning, not a failure: the clip was paid for and may
    /// still be usable. Tolerances: duration ± 0.5 s, aspect ratio within 1 %, and the frame's shorter side equal to
    /// the resolution's 720, 1080 or 2160 (the height of a 16:9 clip).
    /// </summary>
    public static IReadOnlyList<string> Mismatches(Mp4Facts facts, VideoGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(request);
        var found = new List<string>();
        double seconds = facts.Duration.TotalSeconds;
        if (Math.Abs(seconds - request.DurationSeconds) > DurationToleranceSeconds)
        {
            found.Add(Text($"the clip is {seconds:0.##} s long, {request.DurationSeconds} s was asked"));
        }

        if (Ratio(request.AspectRatio) is { } asked && facts.Height > 0
            && Math.Abs((double)facts.Width / facts.Height / asked - 1) > AspectTolerance)
        {
            found.Add(Text($"the clip is {facts.Width}x{facts.Height}, {request.AspectRatio} was asked"));
        }

        int? lines = request.Resolution.ToLowerInvariant() switch
        {
            "720p" => 720,
            "1080p" => 1080,
            "4k" => 2160,
            _ => null,
        };
        if (lines is { } expected && Math.Min(facts.Width, facts.Height) != expected)
        {
            found.Add(Text($"the clip is {facts.Width}x{facts.Height}, {request.Resolution} ({expected} lines) was asked"));
        }

        return found;
    }

    /// <summary>Width over height of an "a:b" aspect ratio; null when it is not one.</summary>
    private static double? Ratio(string aspectRatio)
    {
        var parts = aspectRatio.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out double width) && width > 0
            && double.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out double height) && height > 0
                ? width / height
                : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static decimal Size(MetadataExtractor.Directory track, int tag) =>
        track.GetObject(tag) is decimal value ? value : 0m;
}
