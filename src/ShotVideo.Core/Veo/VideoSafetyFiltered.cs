namespace ShotVideo.Veo;

/// <summary>
/// The service withheld the clip for safety reasons (not charged). An outcome for the shot, not a crash: the reasons
/// are Google's human-readable texts, often with support codes.
/// </summary>
public sealed record VideoSafetyFiltered(VideoOperation Operation, int FilteredCount, IReadOnlyList<string> Reasons) : VideoOutcome(Operation);
