using System.Text.Json.Nodes;

namespace ShotVideo.Prompting;

/// <summary>The prompt for one shot.</summary>
/// <param name="Content">The prompt object: <c>global_aesthetic</c>, <c>character_designs</c>, <c>environment_designs</c>,
/// <c>storyboard_payload</c>, <c>critical_instruction</c>, in that order.</param>
/// <param name="Text">What is sent to the model: <paramref name="Content"/> as compact JSON, with the storyboard payload
/// embedded exactly as stored.</param>
/// <param name="EstimatedTokens">A rough size estimate (see <see cref="ShotPromptBuilder"/>).</param>
/// <param name="Warnings">E.g. the prompt is likely over the model's limit.</param>
internal sealed record ShotPrompt(JsonObject Content, string Text, int EstimatedTokens, IReadOnlyList<string> Warnings);
