namespace ShotVideo.Veo;

/// <summary>What to generate. Defaults follow the project's: 16:9, 1080p, 8 seconds, no audio where the backend allows.</summary>
public sealed record VideoGenerationRequest(string Prompt)
{
    /// <summary>Up to three asset reference images.</summary>
    public IReadOnlyList<VideoReferenceImage> ReferenceImages { get; init; } = [];

    /// <summary><c>16:9</c> or <c>9:16</c>.</summary>
    public string AspectRatio { get; init; } = "16:9";

    /// <summary><c>720p</c>, <c>1080p</c> or <c>4k</c>; 1080p and 4k only with 8 seconds.</summary>
    public string Resolution { get; init; } = "1080p";

    /// <summary>4, 6 or 8; 8 when reference images are given.</summary>
    public int DurationSeconds { get; init; } = 8;

    /// <summary>
    /// Whether to generate audio. Vertex AI honours it (sent explicitly); the Gemini API always generates audio and
    /// rejects the field, so it is not sent there.
    /// </summary>
    public bool GenerateAudio { get; init; }
}
