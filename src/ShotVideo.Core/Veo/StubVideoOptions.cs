namespace ShotVideo.Veo;

/// <summary>Settings for <see cref="StubVideoGenerator"/>.</summary>
public sealed record StubVideoOptions
{
    /// <summary>The clip to return; null means fixtures/videos/stub-shot.mp4 found beside the assembly or in the repository.</summary>
    public string? ClipPath { get; init; }
}
