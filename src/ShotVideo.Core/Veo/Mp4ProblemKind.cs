namespace ShotVideo.Veo;

/// <summary>Why a clip is not a usable MP4 (see <see cref="Mp4Inspection"/>).</summary>
internal enum Mp4ProblemKind
{
    /// <summary>It does not start like an MP4 (e.g. an HTML error page or a JSON body), or its container cannot be read.</summary>
    NotMp4,

    /// <summary>It starts like an MP4 but its boxes do not add up to its length, or the movie or media data is missing: a cut-off or padded download.</summary>
    Incomplete,

    /// <summary>A complete MP4 without a video track (e.g. audio only).</summary>
    NoVideoTrack,
}
