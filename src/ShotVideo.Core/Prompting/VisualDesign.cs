using System.Text.Json.Nodes;

namespace ShotVideo.Prompting;

/// <summary>One character or environment design from the visual design document.</summary>
/// <param name="Id">The <c>character_id</c> or <c>environment_id</c>.</param>
/// <param name="ImagePath">The model sheet or environment reference image, relative to <c>public/generated</c>; null or
/// empty while that step has not run.</param>
/// <param name="Json">The design exactly as stored, every key kept; callers clone before changing it.</param>
internal sealed record VisualDesign(string Id, string? ImagePath, JsonObject Json);
