using ShotVideo.Database;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Database;

public sealed class StoryRepositoryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task LoadsAStoryWithItsDocumentAsStored()
    {
        const string document = """{"global_aesthetic": {"visual_style": "Ink"}, "project_overview": {"zeta": 1, "alpha": [3, 2, 1]}}""";
        var id = await fixture.Database.Stories.CreateStoryAsync(new NewStory("Ink Story", "p", document), default);

        var story = await fixture.Database.Stories.GetStoryAsync(id, default);

        Assert.Equal(id, story.Id);
        Assert.Equal("Ink Story", story.DisplayName);
        Assert.Equal(
            await MigrationRunnerTests.ScalarAsync<string>(fixture.ConnectionString, $"select visual_design_document::text from public.stories where id = '{id}'"),
            story.VisualDesignDocumentJson);
        Assert.Contains("\"project_overview\": {\"zeta\": 1, \"alpha\": [3, 2, 1]}", story.VisualDesignDocumentJson);
    }

    [Fact]
    public async Task AStoryWithoutDocumentHasNullDocument()
    {
        var id = await fixture.Database.Stories.CreateStoryAsync(new NewStory("No Design", "p", null), default);

        Assert.Null((await fixture.Database.Stories.GetStoryAsync(id, default)).VisualDesignDocumentJson);
    }

    [Fact]
    public async Task AnUnknownStoryIsAClearError()
    {
        var id = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<ShotVideoException>(() => fixture.Database.Stories.GetStoryAsync(id, default));

        Assert.Equal("ShotVideoStoryNotFound", ex.ErrorId);
        Assert.Contains(id.ToString(), ex.Message);
    }

    [Fact]
    public async Task ListsStoriesByName()
    {
        var zulu = await fixture.Database.Stories.CreateStoryAsync(new NewStory("zulu list", "p", null), default);
        var alpha = await fixture.Database.Stories.CreateStoryAsync(new NewStory("Alpha list", "p", null), default);

        var stories = await fixture.Database.Stories.ListStoriesAsync(default);

        var ours = stories.Where(s => s.Id == zulu || s.Id == alpha).ToList();
        Assert.Equal([new StorySummary(alpha, "Alpha list"), new StorySummary(zulu, "zulu list")], ours);
    }
}
