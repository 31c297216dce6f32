using ShotVideo.Prompting;
using static ShotVideo.Tests.Prompting.PromptFixtures;

namespace ShotVideo.Tests.Prompting;

public class StoryboardPayloadTests
{
    [Fact]
    public void Referenced_ids_are_read_once_each_in_order()
    {
        var payload = StoryboardPayload.Parse(Shot("""
            {"referencedDesigns": {"characters": ["milo", "rhea", "milo"], "environments": ["dock"]}}
            """));

        Assert.Equal(["milo", "rhea"], payload.CharacterIds);
        Assert.Equal(["dock"], payload.EnvironmentIds);
    }

    [Fact]
    public void Absent_lists_are_empty_and_the_stored_text_is_kept()
    {
        const string stored = """{"b": 1, "referencedDesigns": {}, "a": 2}""";

        var payload = StoryboardPayload.Parse(Shot("  " + stored + "\n"));

        Assert.Empty(payload.CharacterIds);
        Assert.Empty(payload.EnvironmentIds);
        Assert.Equal(stored, payload.Json);
    }

    [Theory]
    [InlineData("""{"framingAndAngle": "Wide"}""")]
    [InlineData("""{"referencedDesigns": null}""")]
    public void A_payload_without_referenced_designs_is_an_error_naming_the_shot(string json)
    {
        var shot = Shot(json, "scenelet-3", 5);

        var error = Assert.Throws<ShotVideoException>(() => StoryboardPayload.Parse(shot));

        Assert.Equal("ShotVideoMissingReferencedDesigns", error.ErrorId);
        Assert.Contains(shot.Key.ToString(), error.Message);
        Assert.Equal(new ShotKey(PromptFixtures.StoryId, "scenelet-3", 5), error.Shot);
    }

    [Theory]
    [InlineData("""["referencedDesigns"]""", "not a JSON object")]
    [InlineData("\"text\"", "not a JSON object")]
    [InlineData("""{"referencedDesigns": """, "not valid JSON")]
    [InlineData("""{"referencedDesigns": ["rhea"]}""", "referencedDesigns is not an object")]
    [InlineData("""{"referencedDesigns": {"characters": "rhea"}}""", "referencedDesigns.characters is not a list")]
    [InlineData("""{"referencedDesigns": {"environments": [1]}}""", "referencedDesigns.environments holds something other than an id")]
    public void A_payload_that_is_not_a_usable_object_is_an_error_naming_the_shot(string json, string expected)
    {
        var shot = Shot(json, "scenelet-3", 5);

        var error = Assert.Throws<ShotVideoException>(() => StoryboardPayload.Parse(shot));

        Assert.Equal("ShotVideoInvalidStoryboardPayload", error.ErrorId);
        Assert.Contains(expected, error.Message);
        Assert.Contains(shot.Key.ToString(), error.Message);
        Assert.Equal(new ShotKey(PromptFixtures.StoryId, "scenelet-3", 5), error.Shot);
    }
}
