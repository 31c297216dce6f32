namespace ShotVideo.Veo;

/// <summary>The clip was written to the destination stream: its MIME type, size and the facts read from the MP4.</summary>
public sealed record VideoGenerated(VideoOperation Operation, string MimeType, long ByteCount, Mp4Facts Facts) : VideoOutcome(Operation);
