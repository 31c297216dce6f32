using ShotVideo.Database;
using ShotVideo.Prompting;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Turns a shot into a <see cref="ShotPlan"/>: the one place prompts and references are put together.</summary>
internal sealed class ShotPlanner(VisualDesignDocument document, string publicRoot, bool includeKeyFrame)
{
    private readonly ReferenceImageSelector _selector = new(publicRoot);

    /// <param name="strict">A real run: a reference that cannot be loaded is an error, not a warning.</param>
    public async Task<ShotPlan> PlanAsync(ShotRecord shot, bool strict, CancellationToken cancellationToken)
    {
        var payload = StoryboardPayload.Parse(shot);
        var prompt = ShotPromptBuilder.Build(payload, document);
        var references = await _selector.SelectAsync(payload, document, includeKeyFrame, strict, cancellationToken).ConfigureAwait(false);
        var request = new VideoGenerationRequest(prompt.Text)
        {
            ReferenceImages = references.Images,
        };
        return new ShotPlan(shot, prompt, references, request);
    }
}
