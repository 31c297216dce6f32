using ShotVideo.Veo;

namespace ShotVideo.References;

/// <summary>The reference images for one shot.</summary>
/// <param name="Choices">The images that will be sent, in priority order; <c>Choices[i]</c> describes <c>Images[i]</c>.</param>
/// <param name="Images">Their bytes and MIME types.</param>
/// <param name="Warnings">Designs without an image yet, a missing key frame, and (in a dry run) problems a real run
/// would fail on.</param>
/// <param name="Unavailable">Chosen images that could not be loaded (a dry run's problems, a missing key frame): left out.</param>
internal sealed record ReferenceSelection(
    IReadOnlyList<ReferenceImageChoice> Choices,
    IReadOnlyList<VideoReferenceImage> Images,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ReferenceImageChoice> Unavailable);
