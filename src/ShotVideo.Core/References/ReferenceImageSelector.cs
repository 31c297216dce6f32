using ShotVideo.Prompting;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.References;

/// <summary>
/// Chooses and reads a shot's reference images, deterministically: the model sheet of each referenced character (in
/// referenced order), then each referenced environment's image, then the shot's key frame; the first
/// <see cref="MaxImages"/> distinct files are sent, and every other candidate is listed as not sent, with why.
/// </summary>
internal sealed class ReferenceImageSelector(AssetRoot root, ReferenceImageFiles files)
{
    /// <summary>Veo 3.1 accepts up to three reference images.</summary>
    public const int MaxImages = 3;

    /// <summary>
    /// The shot's references. Refuses the shot (throws) when a referenced design has no image yet or a chosen file
    /// cannot be used, unless <paramref name="allowMissing"/> (then it is not sent, with a warning); a key frame whose
    /// file is missing is never a refusal (the clip is generated without it). A path that would leave the asset folder
    /// always throws <c>ShotVideoUnsafePath</c>, even past the cap.
    /// </summary>
    /// <param name="includeKeyFrame">False leaves the key frame out (key frames sometimes hurt motion).</param>
    public async Task<ReferenceSelection> SelectAsync(
        StoryboardPayload payload, VisualDesignDocument document, bool includeKeyFrame, bool allowMissing, CancellationToken cancellationToken)
    {
        var shot = payload.Shot.Key;
        var planned = new List<PlannedReference>();
        var images = new List<VideoReferenceImage>();
        var warnings = new List<string>();
        var chosen = new Dictionary<string, ReferenceImageChoice>(PathComparer);
        foreach (var candidate in Candidates(payload, document, includeKeyFrame))
        {
            if (candidate.Choice is not { } choice)
            {
                var missing = ShotVideoErrors.DesignImageMissing(shot, ReferenceImageChoice.Describe(candidate.Kind, candidate.SourceId), candidate.Step);
                if (!allowMissing)
                {
                    throw missing;
                }

                warnings.Add(missing.Message + " Generating without it (-AllowMissingReferences).");
                planned.Add(new PlannedReference(candidate.Kind, candidate.SourceId, "", Sent: false, "no image made yet"));
                continue;
            }

            if (chosen.TryGetValue(choice.AbsolutePath, out var same))
            {
                planned.Add(NotSent(choice, $"the same file as the {same.Description}"));
                continue;
            }

            if (images.Count == MaxImages)
            {
                planned.Add(NotSent(choice, $"Veo takes at most {MaxImages} reference images and {MaxImages} come first"));
                continue;
            }

            var file = await files.ReadAsync(choice.AbsolutePath, cancellationToken).ConfigureAwait(false);
            if (file.Image is not { } image)
            {
                var error = file.Error(shot, choice);
                var keyFrameMissing = choice.Kind == ReferenceImageKind.KeyFrame && file.Problem == ReferenceFileProblem.Missing;
                if (!keyFrameMissing && (!allowMissing || file.Problem == ReferenceFileProblem.Unsafe))
                {
                    throw error;
                }

                warnings.Add(error.Message + " Generating without it.");
                planned.Add(NotSent(choice, keyFrameMissing ? "its file is missing" : $"it cannot be used ({file.Problem})"));
                continue;
            }

            chosen[choice.AbsolutePath] = choice;
            images.Add(image);
            planned.Add(new PlannedReference(choice.Kind, choice.SourceId, choice.RelativePath, Sent: true, null, image.MimeType, file.Size, file.Sha256));
        }

        return new ReferenceSelection(planned, images, warnings);
    }

    // Every candidate's path is resolved (and so checked) here, even those past the cap: an escaping path is never tolerated.
    private IEnumerable<Candidate> Candidates(StoryboardPayload payload, VisualDesignDocument document, bool includeKeyFrame)
    {
        var shot = payload.Shot;
        var (characters, environments) = document.ResolveReferenced(payload);
        var candidates = new List<Candidate>();
        foreach (var (kind, designs, step) in new[]
                 {
                     (ReferenceImageKind.Character, characters, "character model sheets"),
                     (ReferenceImageKind.Environment, environments, "environment references"),
                 })
        {
            candidates.AddRange(designs.Select(design => new Candidate(
                kind, design.Id, step, string.IsNullOrWhiteSpace(design.ImagePath) ? null : Resolve(kind, design.Id, design.ImagePath, shot.Key))));
        }

        if (includeKeyFrame && !string.IsNullOrWhiteSpace(shot.KeyFrameImagePath))
        {
            var id = $"{shot.SceneletId}#{shot.ShotIndex}";
            candidates.Add(new Candidate(ReferenceImageKind.KeyFrame, id, "shot key frames", Resolve(ReferenceImageKind.KeyFrame, id, shot.KeyFrameImagePath, shot.Key)));
        }

        return candidates;
    }

    private ReferenceImageChoice Resolve(ReferenceImageKind kind, string sourceId, string storedPath, ShotKey shot) =>
        new(kind, sourceId, storedPath, root.ResolveGenerated(storedPath, ReferenceImageChoice.Describe(kind, sourceId), shot.StoryId, shot));

    private static PlannedReference NotSent(ReferenceImageChoice choice, string why) =>
        new(choice.Kind, choice.SourceId, choice.RelativePath, Sent: false, why);

    // Windows and macOS file systems ignore case by default, so two spellings there are the same file.
    private static StringComparer PathComparer =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>A reference the shot asks for; no <see cref="Choice"/> when its design has no image yet.</summary>
    private sealed record Candidate(ReferenceImageKind Kind, string SourceId, string Step, ReferenceImageChoice? Choice);
}

/// <summary>The reference images for one shot: every one considered (sent ones in order), the images to send, warnings.</summary>
internal sealed record ReferenceSelection(IReadOnlyList<PlannedReference> References, IReadOnlyList<VideoReferenceImage> Images, IReadOnlyList<string> Warnings);
