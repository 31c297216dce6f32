using ShotVideo.Prompting;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.References;

/// <summary>
/// Chooses and loads a shot's reference images, deterministically: the model sheet of each referenced character (in
/// referenced order), then each referenced environment's image, then the shot's key frame; duplicates (same file)
/// dropped; the first <see cref="MaxImages"/> taken.
/// </summary>
internal sealed class ReferenceImageSelector
{
    /// <summary>Veo 3.1 accepts up to three reference images.</summary>
    public const int MaxImages = 3;

    private readonly AssetRoot root;

    public ReferenceImageSelector(string publicRoot) => root = new AssetRoot(publicRoot);

    /// <summary>
    /// Chooses and loads the images. A design without an image yet and a missing key frame file are warnings. A set
    /// path whose file is missing, unreadable, not PNG/JPEG or too large throws when <paramref name="strict"/> (a real
    /// run) and is a warning otherwise (a dry run). A path that would leave the asset folder always throws
    /// <c>ShotVideoUnsafePath</c>.
    /// </summary>
    /// <param name="includeKeyFrame">False leaves the key frame out (key frames sometimes hurt motion).</param>
    public async Task<ReferenceSelection> SelectAsync(
        StoryboardPayload payload,
        VisualDesignDocument document,
        bool includeKeyFrame,
        bool strict,
        CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var choices = Choose(payload, document, includeKeyFrame, warnings);
        var loadedChoices = new List<ReferenceImageChoice>();
        var images = new List<VideoReferenceImage>();
        var unavailable = new List<ReferenceImageChoice>();
        foreach (var choice in choices)
        {
            try
            {
                images.Add(await ReferenceImageLoader.LoadAsync(choice, payload.Shot, cancellationToken).ConfigureAwait(false));
                loadedChoices.Add(choice);
            }
            catch (ShotVideoException exception) when (!strict || IsMissingKeyFrame(choice, exception))
            {
                unavailable.Add(choice);
                warnings.Add(exception.Message + (IsMissingKeyFrame(choice, exception)
                    ? " Generating without it."
                    : " A real run would fail on this."));
            }
        }

        return new ReferenceSelection(loadedChoices, images, warnings, unavailable);
    }

    private List<ReferenceImageChoice> Choose(
        StoryboardPayload payload, VisualDesignDocument document, bool includeKeyFrame, List<string> warnings)
    {
        var shot = payload.Shot;
        var (characters, environments) = document.ResolveReferenced(payload);
        var candidates = new List<ReferenceImageChoice>();
        foreach (var (kind, designs) in new[]
                 {
                     (ReferenceImageKind.Character, characters),
                     (ReferenceImageKind.Environment, environments),
                 })
        {
            foreach (var design in designs)
            {
                if (string.IsNullOrWhiteSpace(design.ImagePath))
                {
                    var description = new ReferenceImageChoice(kind, design.Id, "", "").Description;
                    warnings.Add($"The {description} for {shot.DisplayName} is not made yet (no image path); "
                        + "generating without it.");
                    continue;
                }

                candidates.Add(Resolve(kind, design.Id, design.ImagePath, payload));
            }
        }

        if (includeKeyFrame && !string.IsNullOrWhiteSpace(shot.KeyFrameImagePath))
        {
            candidates.Add(Resolve(
                ReferenceImageKind.KeyFrame, $"{shot.SceneletId}#{shot.ShotIndex}", shot.KeyFrameImagePath, payload));
        }

        // Every candidate's path is checked above, even those past the cap: an escaping path is never tolerated.
        return candidates.DistinctBy(choice => choice.AbsolutePath, PathComparer).Take(MaxImages).ToList();
    }

    private ReferenceImageChoice Resolve(ReferenceImageKind kind, string sourceId, string storedPath, StoryboardPayload payload)
    {
        var unresolved = new ReferenceImageChoice(kind, sourceId, storedPath, AbsolutePath: "");
        var shot = payload.Shot;
        return unresolved with
        {
            AbsolutePath = root.ResolveGenerated(storedPath, unresolved.Description, shot.StoryId, shot.SceneletId, shot.ShotIndex),
        };
    }

    private static bool IsMissingKeyFrame(ReferenceImageChoice choice, ShotVideoException exception) =>
        choice.Kind == ReferenceImageKind.KeyFrame && exception.ErrorId == "ShotVideoReferenceImageMissing";

    // Windows and macOS file systems ignore case by default, so two spellings there are the same file.
    private static StringComparer PathComparer =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
