namespace ShotVideo.Veo;

/// <summary>How a completed operation ended: <see cref="VideoGenerated"/> or <see cref="VideoSafetyFiltered"/>. Failures are exceptions.</summary>
public abstract record VideoOutcome(VideoOperation Operation);
