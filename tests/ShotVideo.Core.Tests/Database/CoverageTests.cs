using ShotVideo.Database;
using ShotVideo.Testing.Stories;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Database;

public sealed class CoverageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task CountsShotsKeyFramesAndVideosPerStory()
    {
        var (storyId, _) = await TestShots.CreateStoryAsync(fixture.Database, ("scenelet-1", 1, 3), ("scenelet-2", 2, 1));
        var emptyStory = await fixture.Database.Stories.CreateStoryAsync(new NewStory("Empty", "p", null), default);
        await fixture.Database.Shots.UpdateShotVideoPathAsync(storyId, "scenelet-1", 1, "generated/a.mp4", default);
        await MigrationRunnerTests.ExecuteAsync(
            fixture.ConnectionString, $"update public.shots set key_frame_image_path = 'k.png' where story_id = '{storyId}' and scenelet_id = 'scenelet-1'");

        var coverage = await fixture.Database.Shots.GetCoverageAsync([storyId, emptyStory], default);

        var story = Assert.Single(coverage, c => c.StoryId == storyId);
        Assert.Equal((4, 3, 1, 3, 25.0), (story.TotalShots, story.ShotsWithKeyFrame, story.ShotsWithVideo, story.ShotsMissingVideo, story.PercentDone));
        var empty = Assert.Single(coverage, c => c.StoryId == emptyStory);
        Assert.Equal((0, 0, 0, 0.0), (empty.TotalShots, empty.ShotsWithVideo, empty.ShotsMissingVideo, empty.PercentDone));
        Assert.Equal(2, coverage.Count);
    }

    [Fact]
    public async Task IsCorrectForAHundredStoriesOfTwoHundredShots()
    {
        var server = await Testing.Postgres.PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(connectionString));
        // Story n has clips on its first n shots and key frames on its even shots.
        await MigrationRunnerTests.ExecuteAsync(
            connectionString,
            """
            insert into public.stories (id, display_name, initial_prompt)
              select md5('story' || n)::uuid, 'Story ' || lpad(n::text, 3, '0'), 'p' from generate_series(1, 100) n;
            insert into public.scenelets (id, story_id, content)
              select md5('scenelet' || n)::uuid, md5('story' || n)::uuid, '{}' from generate_series(1, 100) n;
            insert into public.shots (story_id, scenelet_ref, scenelet_id, scenelet_sequence, shot_index, storyboard_payload,
                                      key_frame_image_path, video_file_path)
              select md5('story' || n)::uuid, md5('scenelet' || n)::uuid, 'scenelet-1', 1, i, '{}',
                     case when i % 2 = 0 then 'k.png' end, case when i <= n then 'generated/v.mp4' end
              from generate_series(1, 100) n, generate_series(1, 200) i;
            """);

        var coverage = await database.Shots.GetCoverageAsync(null, default);

        Assert.Equal(100, coverage.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => $"Story {n:000}"), coverage.Select(c => c.DisplayName));
        Assert.All(coverage.Select((c, i) => (c, n: i + 1)), item =>
        {
            Assert.Equal(200, item.c.TotalShots);
            Assert.Equal(100, item.c.ShotsWithKeyFrame);
            Assert.Equal(item.n, item.c.ShotsWithVideo);
            Assert.Equal(200 - item.n, item.c.ShotsMissingVideo);
        });
    }
}
