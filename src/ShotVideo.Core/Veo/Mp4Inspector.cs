using MetadataExtractor;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Util;

namespace ShotVideo.Veo;

/// <summary>Reads <see cref="Mp4Facts"/> from a clip with MetadataExtractor; anything that is not an MP4/QuickTime movie is rejected.</summary>
internal static class Mp4Inspector
{
    /// <summary>Inspects the seekable <paramref name="clip"/> from its current position; the position is left unspecified.</summary>
    public static Mp4Facts Inspect(Stream clip, string whatForMessages)
    {
        long start = clip.Position;
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
            throw NotMp4(whatForMessages, $"its container could not be read ({ex.Message})", ex);
        }

        if (type is not (FileType.Mp4 or FileType.QuickTime))
        {
            throw NotMp4(whatForMessages, "it does not start like an MP4 file", null);
        }

        var brand = directories.OfType<QuickTimeFileTypeDirectory>().FirstOrDefault()?.GetString(QuickTimeFileTypeDirectory.TagMajorBrand);
        var movie = directories.OfType<QuickTimeMovieHeaderDirectory>().FirstOrDefault();
        if (movie is null || !movie.ContainsTag(QuickTimeMovieHeaderDirectory.TagDuration))
        {
            throw NotMp4(whatForMessages, "it has no movie header (moov/mvhd), so it is not a complete MP4", null);
        }

        var duration = movie.GetObject(QuickTimeMovieHeaderDirectory.TagDuration) is TimeSpan span ? span : TimeSpan.Zero;
        var tracks = directories.OfType<QuickTimeTrackHeaderDirectory>().ToList();
        // Visual tracks have a frame size; sound tracks have none and a non-zero volume (ISO/IEC 14496-12 tkhd).
        var video = tracks.FirstOrDefault(t => Size(t, QuickTimeTrackHeaderDirectory.TagWidth) > 0);
        if (video is null)
        {
            throw NotMp4(whatForMessages, "it has no video track", null);
        }

        bool hasAudio = tracks.Any(t => Size(t, QuickTimeTrackHeaderDirectory.TagWidth) == 0 && Size(t, QuickTimeTrackHeaderDirectory.TagVolume) > 0);
        return new Mp4Facts(brand ?? "", duration,
            (int)Size(video, QuickTimeTrackHeaderDirectory.TagWidth), (int)Size(video, QuickTimeTrackHeaderDirectory.TagHeight), hasAudio);
    }

    private static decimal Size(MetadataExtractor.Directory track, int tag) =>
        track.GetObject(tag) is decimal value ? value : 0m;

    private static ShotVideoException NotMp4(string what, string why, Exception? inner) =>
        new("ShotVideoNotMp4", ShotVideoErrorKind.InvalidData,
            $"The video returned for {what} is not a usable MP4: {why}. The service may have returned an error page or a broken file; try again, and report it if it persists.",
            inner);
}
