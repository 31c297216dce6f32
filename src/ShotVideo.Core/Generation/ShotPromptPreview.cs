namespace ShotVideo.Generation;

/// <summary>What would be sent to the model for one shot, without calling it.</summary>
/// <param name="Prompt">The prompt object, indented for reading.</param>
/// <param name="PromptText">The exact text that would be sent (compact JSON).</param>
/// <param name="LikelyOverLimit">The estimate exceeds the model's documented prompt limit (about 1,024 tokens).</param>
public sealed record ShotPromptPreview(
    Guid StoryId,
    string SceneletId,
    int ShotIndex,
    string Prompt,
    string PromptText,
    int EstimatedTokens,
    bool LikelyOverLimit,
    IReadOnlyList<ReferencePreview> References,
    IReadOnlyList<string> Warnings);
