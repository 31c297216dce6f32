namespace ShotVideo.Veo;

/// <summary>
/// How a finished operation ended; each one proves the operation is over, so its ledger attempt can be settled.
/// Anything about the transport or the bytes received (timeouts, 5xx, a cut or broken download) is an exception
/// instead: the operation stays resumable and a later run downloads it again at no cost.
/// </summary>
public abstract record VideoOutcome(VideoOperation Operation);

/// <summary>A whole MP4 was written to the destination stream: its MIME type, size and the facts read from it.</summary>
public sealed record VideoGenerated(VideoOperation Operation, string MimeType, long ByteCount, Mp4Facts Facts) : VideoOutcome(Operation);

/// <summary>Veo withheld the clip for safety reasons (not charged); the reasons are Google's texts, often with support codes.</summary>
public sealed record VideoSafetyFiltered(VideoOperation Operation, int FilteredCount, IReadOnlyList<string> Reasons) : VideoOutcome(Operation);

/// <summary>Veo reported that the operation failed (or finished without a video and without a safety reason).</summary>
public sealed record VideoFailed(VideoOperation Operation, string Reason) : VideoOutcome(Operation);

/// <summary>Veo no longer knows the operation or its video (results are kept about 2 days): the shot can be generated again.</summary>
public sealed record VideoExpired(VideoOperation Operation, string Reason) : VideoOutcome(Operation);
