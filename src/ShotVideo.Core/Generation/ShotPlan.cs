using ShotVideo.Database;
using ShotVideo.Prompting;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>Everything decided about a shot before any model call: its prompt, its references and the request.</summary>
internal sealed record ShotPlan(ShotRecord Shot, ShotPrompt Prompt, ReferenceSelection References, VideoGenerationRequest Request)
{
    public IReadOnlyList<string> Warnings { get; } = [.. Prompt.Warnings, .. References.Warnings];
}
