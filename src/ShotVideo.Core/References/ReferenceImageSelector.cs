using ShotVideo.Prompting;
using ShotVideo.Storage;

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
        var images = new List<ReferenceImage>();
        foreach (var choice in choices)
        {
            try
            {
                images.Add(await ReferenceImageLoader.LoadAsync(choice, payload.Shot, cancellationToken).ConfigureAwait(false));
                loadedChoices.Add(choice);
            }
            catch (ShotVideoException exception) when (!strict || IsMissingKeyFrame(choice, exception))
            {
                var outcome = strict || IsMissingKeyFrame(choice, exception)
                    ? " Generating without it."
                    : " A real run would fail on this.";
                warnings.Add(exception.Message + outcome);
            }
        }

        return new ReferenceSelection(loadedChoices, images, warnings);
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
                var candidate = new ReferenceImageChoice(kind, design.Id, design.ImagePath ?? "", "");
                if (string.IsNullOrWhiteSpace(design.ImagePath))
                {
                    warnings.Add($"The {candidate.Description} for {shot.DisplayName} is not made yet (no image path); "
                        + "generating without it.");
                    continue;
                }

                candidates.Add(candidate with { AbsolutePath = Resolve(candidate, payload) });
            }
        }

        if (includeKeyFrame && !string.IsNullOrWhiteSpace(shot.KeyFrameImagePath))
        {
            var keyFrame = new ReferenceImageChoice(
                ReferenceImageKind.KeyFrame, $"{shot.SceneletId}#{shot.ShotIndex}", shot.KeyFrameImagePath, "");
            candidates.Add(keyFrame with { AbsolutePath = Resolve(keyFrame, payload) });
        }

        // Every candidate's path is checked above, even those past the cap: an escaping path is never tolerated.
        return candidates.DistinctBy(choice => choice.AbsolutePath, PathComparer).Take(MaxImages).ToList();
    }

    private string Resolve(ReferenceImageChoice choice, StoryboardPayload payload) =>
        root.ResolveGenerated(
            choice.RelativePath, choice.Description, payload.Shot.StoryId, payload.Shot.SceneletId, payload.Shot.ShotIndex);

    private static bool IsMissingKeyFrame(ReferenceImageChoice choice, ShotVideoException exception) =>
        choice.Kind == ReferenceImageKind.KeyFrame && exception.ErrorId == "ShotVideoReferenceImageMissing";

    // Windows and macOS file systems ignore case by default, so two spellings there are the same file.
    private static StringComparer PathComparer =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
