namespace ShotVideo.Veo;

/// <summary>What the MP4 container says about a clip: its major brand (e.g. <c>isom</c>), length, frame size and whether it has an audio track.</summary>
public sealed record Mp4Facts(string MajorBrand, TimeSpan Duration, int Width, int Height, bool HasAudio);
