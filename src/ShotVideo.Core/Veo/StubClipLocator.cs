namespace ShotVideo.Veo;

/// <summary>
/// Finds fixtures/videos/stub-shot.mp4: first in a copy shipped beside the ShotVideo assembly, then by walking up from
/// the assembly's and the application's folders to a repository checkout.
/// </summary>
internal static class StubClipLocator
{
    public static readonly string RelativePath = Path.Combine("fixtures", "videos", "stub-shot.mp4");

    public static string Find()
    {
        var starts = new[] { Path.GetDirectoryName(typeof(StubClipLocator).Assembly.Location), AppContext.BaseDirectory }
            .Where(d => !string.IsNullOrEmpty(d)).Distinct();
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start!); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ShotVideoException("ShotVideoStubClipMissing", ShotVideoErrorKind.ObjectNotFound,
            $"The stub clip {RelativePath} was not found beside the ShotVideo assembly or in any folder above it. Pass the clip's path in the stub options.")
        { AffectsEveryShot = true };
    }
}
