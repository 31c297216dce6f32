namespace ShotVideo.Veo;

/// <summary>Settings for <see cref="StubVideoGenerator"/>.</summary>
public sealed record StubVideoOptions
{
    /// <summary>The clip to return; null means the stub clip shipped beside the ShotVideo.Core assembly.</summary>
    public string? ClipPath { get; init; }
}
