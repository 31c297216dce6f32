using ShotVideo.Samples;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Samples;

public sealed class StoryFolderLoaderTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _publicRoot = Directory.CreateTempSubdirectory("shotvideo-public-").FullName;

    [Fact]
    public async Task LoadsTheSampleStoryAndItsAssetsOnce()
    {
        var first = await StoryFolderLoader.LoadAsync(fixture.Database, RepositoryPaths.SampleStory, _publicRoot, default);
        var second = await StoryFolderLoader.LoadAsync(fixture.Database, RepositoryPaths.SampleStory, _publicRoot, default);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.StoryId, second.StoryId);
        var story = await fixture.Database.Stories.GetStoryAsync(first.StoryId, default);
        Assert.Equal("The Lantern Keepers", story.DisplayName);
        Assert.Contains("\"project_overview\"", story.VisualDesignDocumentJson);
        var shots = await fixture.Database.Shots.ListShotsAsync(first.StoryId, null, null, default);
        Assert.InRange(shots.Count, 6, 8);
        Assert.Equal(3, shots.Select(s => s.SceneletId).Distinct().Count());
        Assert.All(shots, s => Assert.Null(s.VideoFilePath));
        Assert.Contains(shots, s => s.KeyFrameImagePath is null);
        Assert.All(shots.Where(s => s.KeyFrameImagePath is not null), s =>
            Assert.True(File.Exists(Path.Combine(_publicRoot, "generated", s.KeyFrameImagePath!)), s.KeyFrameImagePath));
        Assert.Contains("\"referencedDesigns\"", shots[0].StoryboardPayloadJson);
        var sheet = Path.Combine(_publicRoot, "generated", first.StoryId.ToString(), "visuals", "characters", "mira", "character-model-sheet-1.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(sheet).Take(4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("public")]
    public async Task RefusesAPublicFolderThatIsNotAFullPath(string publicRoot)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => StoryFolderLoader.LoadAsync(fixture.Database, RepositoryPaths.SampleStory, publicRoot, default));

        Assert.Equal("publicRoot", refused.ParamName);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, publicRoot, "generated")));
    }

    public void Dispose() => Directory.Delete(_publicRoot, recursive: true);
}
