using System.Text.Json;
using ShotVideo.Database;
using ShotVideo.Prompting;

namespace ShotVideo.Generation;

/// <summary>Builds the prompt previews of a story's shots (Get-ShotVideoPrompt): no model call, nothing written.</summary>
public static class ShotPromptPreviewer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IReadOnlyList<ShotPromptPreview>> PreviewAsync(
        StoryDatabase database, Guid storyId, string? sceneletId, int? shotIndex, string publicRoot, bool includeKeyFrame, CancellationToken cancellationToken)
    {
        var story = await database.Stories.GetStoryAsync(storyId, cancellationToken).ConfigureAwait(false);
        var planner = new ShotPlanner(VisualDesignDocument.Parse(storyId, story.VisualDesignDocumentJson), publicRoot, includeKeyFrame);
        var shots = await database.Shots.ListShotsAsync(storyId, sceneletId, shotIndex, cancellationToken).ConfigureAwait(false);
        var previews = new List<ShotPromptPreview>(shots.Count);
        foreach (var shot in shots)
        {
            var plan = await planner.PlanAsync(shot, strict: false, cancellationToken).ConfigureAwait(false);
            var found = plan.References.Choices
                .Zip(plan.References.Images, (choice, image) => new ReferencePreview(choice.Kind, choice.SourceId, choice.RelativePath, true, image.MimeType, image.Bytes.LongLength));
            var missing = plan.References.Unavailable
                .Select(choice => new ReferencePreview(choice.Kind, choice.SourceId, choice.RelativePath, false, null, null));
            previews.Add(new ShotPromptPreview(
                shot.StoryId,
                shot.SceneletId,
                shot.ShotIndex,
                plan.Prompt.Content.ToJsonString(Indented),
                plan.Prompt.Text,
                plan.Prompt.EstimatedTokens,
                plan.Prompt.EstimatedTokens > ShotPromptBuilder.TokenLimit,
                [.. found.Concat(missing).OrderBy(r => r.Kind)],
                plan.Warnings));
        }

        return previews;
    }
}
