using ShotVideo.Database;

namespace ShotVideo.Testing.Stories;

/// <summary>Builds small stories with shots directly in a test database.</summary>
public static class TestShots
{
    public const string MinimalDocument =
        """{"global_aesthetic":{"visual_style":"Flat","master_color_palette":["#000000"]},"character_designs":[],"environment_designs":[]}""";

    public static string Payload(string description) =>
        $$$"""{"framingAndAngle":"Wide","compositionAndContent":"{{{description}}}","referencedDesigns":{"characters":[],"environments":[]}}""";

    /// <summary>A story with the given scenelets (id, sequence, shot count); returns the story id and created shots.</summary>
    public static async Task<(Guid StoryId, IReadOnlyList<ShotRecord> Shots)> CreateStoryAsync(
        StoryDatabase database, params (string SceneletId, int Sequence, int Shots)[] scenelets)
    {
        var storyId = await database.Stories.CreateStoryAsync(new NewStory("Test story " + Guid.NewGuid().ToString("N")[..6], "A test", MinimalDocument), default);
        var shots = new List<NewShot>();
        foreach (var (sceneletId, sequence, count) in scenelets)
        {
            var sceneletRef = await database.Stories.CreateSceneletAsync(new NewScenelet(storyId, """{"description":"test"}"""), default);
            shots.AddRange(Enumerable.Range(1, count).Select(i => new NewShot(storyId, sceneletRef, sceneletId, sequence, i, Payload($"{sceneletId} shot {i}"))));
        }

        return (storyId, await database.Shots.CreateShotsAsync(shots, default));
    }
}
