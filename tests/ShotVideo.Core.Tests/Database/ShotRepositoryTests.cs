using ShotVideo.Database;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Database;

public sealed class ShotRepositoryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private StoryDatabase Database => fixture.Database;

    [Fact]
    public async Task ListsShotsBySceneletSequenceThenShotIndex()
    {
        // Created out of order: scenelet-b comes first in the story.
        var (storyId, _) = await TestShots.CreateStoryAsync(Database, ("scenelet-a", 2, 2), ("scenelet-b", 1, 3));

        var shots = await Database.Shots.ListShotsAsync(storyId, null, null, default);

        Assert.Equal(
            ["scenelet-b#1", "scenelet-b#2", "scenelet-b#3", "scenelet-a#1", "scenelet-a#2"],
            shots.Select(s => $"{s.SceneletId}#{s.ShotIndex}"));
    }

    [Fact]
    public async Task ShotsCarryTheirStorysNameFromTheSameQuery()
    {
        var (storyId, _) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 2));
        var commands = new CommandLog();
        await using var logged = StoryDatabase.Open(Database.Settings, commands);

        var shots = await logged.Shots.ListShotsAsync(storyId, null, null, default);
        var story = await Database.Stories.GetStoryAsync(storyId, default);

        Assert.All(shots, shot => Assert.Equal(story.DisplayName, shot.StoryName));
        Assert.Single(commands.Commands);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("scenelet-2", null, null)]
    [InlineData("scenelet-2", 3, null)]
    [InlineData(null, 3, null)]
    [InlineData("scenelet-9", null, "scenelet scenelet-9")]
    [InlineData("scenelet-1", 3, "shot 3 in scenelet scenelet-1")]
    [InlineData(null, 4, "shot 4 in any scenelet")]
    public async Task EnsureExistsNamesTheMissingSceneletOrShotInOneRoundTrip(string? sceneletId, int? shotIndex, string? missing)
    {
        var (storyId, _) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 2), ("scenelet-2", 2, 3));
        var commands = new CommandLog();
        await using var logged = StoryDatabase.Open(Database.Settings, commands);

        var failure = await Record.ExceptionAsync(() => logged.Shots.EnsureExistsAsync(storyId, sceneletId, shotIndex, default));

        Assert.Single(commands.Commands);
        if (missing is null)
        {
            Assert.Null(failure);
            return;
        }

        var notFound = Assert.IsType<ShotVideoException>(failure);
        Assert.Equal("ShotVideoShotNotFound", notFound.ErrorId);
        Assert.Equal(storyId, notFound.StoryId);
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);
        Assert.False(notFound.AffectsEveryShot);
    }

    [Fact]
    public async Task EnsureExistsReportsAnUnknownStory()
    {
        var unknown = Guid.NewGuid();

        var failure = await Assert.ThrowsAsync<ShotVideoException>(() => Database.Shots.EnsureExistsAsync(unknown, "scenelet-1", 1, default));

        Assert.Equal("ShotVideoStoryNotFound", failure.ErrorId);
    }

    [Fact]
    public async Task FiltersBySceneletAndShotIndex()
    {
        var (storyId, _) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 3), ("scenelet-2", 2, 3));

        var scenelet = await Database.Shots.ListShotsAsync(storyId, "scenelet-2", null, default);
        var shot = await Database.Shots.ListShotsAsync(storyId, "scenelet-2", 3, default);
        var thirdShots = await Database.Shots.ListShotsAsync(storyId, null, 3, default);
        var none = await Database.Shots.ListShotsAsync(storyId, "scenelet-9", null, default);

        Assert.All(scenelet, s => Assert.Equal("scenelet-2", s.SceneletId));
        Assert.Equal(3, scenelet.Count);
        Assert.Equal(("scenelet-2", 3), (Assert.Single(shot).SceneletId, shot[0].ShotIndex));
        Assert.Equal(["scenelet-1", "scenelet-2"], thirdShots.Select(s => s.SceneletId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task MapsEveryColumnAndNullsAsNull()
    {
        var storyId = await Database.Stories.CreateStoryAsync(new NewStory("Columns", "p", TestShots.MinimalDocument), default);
        var sceneletRef = await Database.Stories.CreateSceneletAsync(new NewScenelet(storyId, "{}"), default);
        const string payload = """{"framingAndAngle": "Close-Up", "referencedDesigns": {"characters": ["a"], "environments": []}}""";

        var created = await Database.Shots.CreateShotsAsync(
            [
                new NewShot(storyId, sceneletRef, "scenelet-1", 4, 2, payload, "k.png", "a.mp3", "generated/v.mp4"),
                new NewShot(storyId, sceneletRef, "scenelet-1", 4, 3, payload),
            ],
            default);

        var full = created[0];
        Assert.NotEqual(Guid.Empty, full.Id);
        Assert.Equal((storyId, sceneletRef, "scenelet-1", 4, 2), (full.StoryId, full.SceneletRef, full.SceneletId, full.SceneletSequence, full.ShotIndex));
        Assert.Equal(("k.png", "a.mp3", "generated/v.mp4"), (full.KeyFrameImagePath, full.AudioFilePath, full.VideoFilePath));
        Assert.Contains("\"referencedDesigns\"", full.StoryboardPayloadJson);
        Assert.True(full.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        var bare = created[1];
        Assert.Null(bare.KeyFrameImagePath);
        Assert.Null(bare.AudioFilePath);
        Assert.Null(bare.VideoFilePath);
        // An insert returns the shot row alone; the shot queries add the story's name.
        Assert.Null(bare.StoryName);
        Assert.Equal(bare with { StoryName = "Columns" }, Assert.Single(await Database.Shots.ListShotsAsync(storyId, "scenelet-1", 3, default)));
    }

    [Fact]
    public async Task UpdateChangesOnlyTheVideoPathAndReturnsTheRefreshedRecord()
    {
        var (storyId, shots) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 2));
        var before = shots[1];

        var updated = await Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", 2, "generated/x/shot-2.mp4", default);

        Assert.Equal("generated/x/shot-2.mp4", updated.VideoFilePath);
        Assert.True(updated.UpdatedAt > before.UpdatedAt);
        Assert.Equal(before with { VideoFilePath = updated.VideoFilePath, UpdatedAt = updated.UpdatedAt }, updated);
        var others = await Database.Shots.ListShotsAsync(storyId, "scenelet-1", 1, default);
        Assert.Null(Assert.Single(others).VideoFilePath);

        var cleared = await Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", 2, null, default);
        Assert.Null(cleared.VideoFilePath);
    }

    [Fact]
    public async Task UpdatingAMissingShotNamesStorySceneletAndShot()
    {
        var (storyId, _) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 1));

        var ex = await Assert.ThrowsAsync<ShotVideoException>(
            () => Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-7", 4, "generated/p.mp4", default));

        Assert.Equal("ShotVideoShotNotFound", ex.ErrorId);
        Assert.Equal(ShotVideoErrorKind.ObjectNotFound, ex.Kind);
        Assert.Contains(storyId.ToString(), ex.Message);
        Assert.Contains("scenelet-7", ex.Message);
        Assert.Contains("shot 4", ex.Message);
        Assert.Equal(new ShotKey(storyId, "scenelet-7", 4), ex.Shot);
    }

    [Fact]
    public async Task FindsShotsMissingVideosAndImagesWithFilters()
    {
        var (storyId, shots) = await TestShots.CreateStoryAsync(Database, ("scenelet-1", 1, 3), ("scenelet-2", 2, 2));
        await Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", 2, "generated/a.mp4", default);
        await Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-2", 1, "  ", default);
        await MigrationRunnerTests.ExecuteAsync(
            fixture.ConnectionString,
            $"update public.shots set key_frame_image_path = 'k.png' where story_id = '{storyId}' and shot_index = 1");

        var missingVideos = await Database.Shots.FindShotsMissingVideosAsync(storyId, null, null, default);
        var missingVideosInScenelet = await Database.Shots.FindShotsMissingVideosAsync(storyId, "scenelet-1", null, default);
        var missingImages = await Database.Shots.FindShotsMissingImagesAsync(storyId, null, null, default);
        var oneShot = await Database.Shots.FindShotsMissingImagesAsync(storyId, "scenelet-2", 2, default);

        Assert.Equal(["scenelet-1#1", "scenelet-1#3", "scenelet-2#1", "scenelet-2#2"], missingVideos.Select(Key));
        Assert.Equal(["scenelet-1#1", "scenelet-1#3"], missingVideosInScenelet.Select(Key));
        Assert.Equal(["scenelet-1#2", "scenelet-1#3", "scenelet-2#2"], missingImages.Select(Key));
        Assert.Equal(["scenelet-2#2"], oneShot.Select(Key));
        Assert.Equal(shots.Count, (await Database.Shots.ListShotsAsync(storyId, null, null, default)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task AShotIndexBelowOneIsAClearArgumentError(int shotIndex)
    {
        var storyId = Guid.NewGuid();

        var missing = await Assert.ThrowsAsync<ShotVideoException>(() => Database.Shots.FindShotsMissingVideosAsync(storyId, "scenelet-1", shotIndex, default));
        var update = await Assert.ThrowsAsync<ShotVideoException>(() => Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", shotIndex, null, default));

        Assert.All(new[] { missing, update }, ex =>
        {
            Assert.Equal("ShotVideoInvalidShotIndex", ex.ErrorId);
            Assert.Equal(ShotVideoErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("start at 1", ex.Message);
            Assert.Contains("scenelet-1", ex.Message);
        });
    }

    private static string Key(ShotRecord shot) => $"{shot.SceneletId}#{shot.ShotIndex}";
}
