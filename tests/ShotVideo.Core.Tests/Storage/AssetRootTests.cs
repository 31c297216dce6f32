using ShotVideo.Storage;

namespace ShotVideo.Tests.Storage;

public class AssetRootTests
{
    private static readonly Guid StoryId = Guid.NewGuid();

    private readonly AssetRoot root = new(Path.Combine(Path.GetTempPath(), "shotvideo-public") + Path.DirectorySeparatorChar);

    [Theory]
    [InlineData("story/shots/scenelet-1/shot-1_key_frame.png")]
    [InlineData("generated/story/shots/scenelet-1/shot-1_key_frame.png")]
    public void A_stored_path_resolves_under_public_generated_with_or_without_the_generated_prefix(string stored)
    {
        var resolved = root.ResolveGenerated(stored, "key frame", StoryId, new ShotKey(StoryId, "scenelet-1", 1));

        Assert.Equal(
            Path.Combine(Path.GetTempPath(), "shotvideo-public", "generated", "story", "shots", "scenelet-1", "shot-1_key_frame.png"),
            resolved);
    }

    [Fact]
    public void A_folder_named_like_the_prefix_deeper_down_is_kept()
    {
        var resolved = root.ResolveGenerated("generated/generated/a.png", "key frame", StoryId, new ShotKey(StoryId, "scenelet-1", 1));

        Assert.Equal(Path.Combine(root.GeneratedRoot, "generated", "a.png"), resolved);
    }

    [Theory]
    [InlineData("..", "'..'")]
    [InlineData("a/../../b", "'..'")]
    [InlineData("/abs/b.png", "absolute")]
    [InlineData("a\\b.png", "separator")]
    [InlineData("a//b.png", "empty part")]
    [InlineData("generated/", "empty part")]
    [InlineData("c:/b.png", "':'")]
    public void An_escaping_path_is_rejected_with_a_message_naming_the_shot_and_the_reason(string stored, string reason)
    {
        var error = Assert.Throws<ShotVideoException>(
            () => root.ResolveGenerated(stored, "model sheet of character 'rhea'", StoryId, new ShotKey(StoryId, "scenelet-9", 4)));

        Assert.Equal("ShotVideoUnsafePath", error.ErrorId);
        Assert.Equal($"The model sheet of character 'rhea' is '{stored}'", error.Reason[..error.Reason.IndexOf(", which", StringComparison.Ordinal)]);
        Assert.StartsWith(new ShotKey(StoryId, "scenelet-9", 4).ToString(), error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(new ShotKey(StoryId, "scenelet-9", 4), error.Shot);
    }
}
