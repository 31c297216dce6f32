namespace ShotVideo.Veo;

/// <summary>
/// The stub backend's clip, shipped beside the ShotVideo.Core assembly (the build copies fixtures/videos/stub-shot.mp4
/// there, so it travels with the module's deps/ folder and with any program that references Core).
/// </summary>
internal static class StubClipLocator
{
    public static readonly string RelativePath = Path.Combine("fixtures", "videos", "stub-shot.mp4");

    public static string Find()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(StubClipLocator).Assembly.Location) ?? AppContext.BaseDirectory, RelativePath);
        return File.Exists(path) ? path : throw ShotVideoErrors.StubClipMissing($"'{path}' does not exist");
    }
}
