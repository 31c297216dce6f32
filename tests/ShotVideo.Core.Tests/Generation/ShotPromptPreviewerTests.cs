using ShotVideo.Generation;
using ShotVideo.References;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Generation;

public sealed class ShotPromptPreviewerTests
{
    [Fact]
    public async Task PreviewsPromptsAndReferencesWithoutAnyCall()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        File.Delete(Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-2", "shot-1_key_frame.png"));

        var previews = await ShotPromptPreviewer.PreviewAsync(workspace.Database, workspace.StoryId, "scenelet-2", null, workspace.PublicRoot, includeKeyFrame: true, default);

        Assert.Equal([1, 2], previews.Select(p => p.ShotIndex));
        var first = previews[0];
        Assert.Equal(
            ["Character mira True image/png", "Character tobin True image/png", "Environment glowmoth-grotto True image/png"],
            first.References.Select(r => $"{r.Kind} {r.SourceId} {r.Found} {r.MimeType}"));
        Assert.All(first.References, r => Assert.True(r.Bytes > 100));
        Assert.StartsWith("{\"global_aesthetic\":", first.PromptText);
        Assert.Contains("\n  \"character_designs\"", first.Prompt);
        Assert.False(first.LikelyOverLimit);
        Assert.Empty(workspace.Veo.Requests.All);
        Assert.Empty(workspace.ShotFiles());
    }

    [Fact]
    public async Task AMissingReferenceFileIsShownAsNotFoundWithAWarning()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        File.Delete(Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-1", "shot-1_key_frame.png"));

        var preview = Assert.Single(await ShotPromptPreviewer.PreviewAsync(workspace.Database, workspace.StoryId, "scenelet-1", 1, workspace.PublicRoot, includeKeyFrame: true, default));
        var withoutKeyFrame = Assert.Single(await ShotPromptPreviewer.PreviewAsync(workspace.Database, workspace.StoryId, "scenelet-1", 1, workspace.PublicRoot, includeKeyFrame: false, default));

        var keyFrame = Assert.Single(preview.References, r => r.Kind == ReferenceImageKind.KeyFrame);
        Assert.False(keyFrame.Found);
        Assert.Null(keyFrame.Bytes);
        Assert.Contains(preview.Warnings, w => w.Contains("key frame", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(withoutKeyFrame.References, r => r.Kind == ReferenceImageKind.KeyFrame);
    }
}
