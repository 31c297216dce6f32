using ShotVideo.Prompting;
using static ShotVideo.Tests.Prompting.PromptFixtures;

namespace ShotVideo.Tests.Prompting;

public class VisualDesignDocumentTests
{
    [Theory]
    [InlineData("""{"character_designs":[]}""", "no global_aesthetic")]
    [InlineData("""{"global_aesthetic":"watercolor"}""", "no global_aesthetic")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"global_aesthetic":""", "not valid JSON")]
    [InlineData("""{"global_aesthetic":{"visual_style":"a","master_color_palette":"b"},"character_designs":{}}""", "character_designs is not a list")]
    public void An_unusable_document_is_a_clear_error_for_the_whole_story(string json, string expected)
    {
        var error = Assert.Throws<ShotVideoException>(() => VisualDesignDocument.Parse(StoryId, json));

        Assert.Equal("ShotVideoInvalidVisualDesignDocument", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.Contains(StoryId.ToString(), error.Message);
        Assert.Equal(StoryId, error.StoryId);
        Assert.True(error.AffectsEveryShot);
    }

    [Theory]
    [InlineData("""{"globalAesthetic":{"visualStyle":"ink"}}""", new[] { "master_color_palette" })]
    [InlineData("""{"global_aesthetic":{"visual_style":null,"master_color_palette":"  "}}""", new[] { "visual_style", "master_color_palette" })]
    public void A_global_aesthetic_without_a_style_or_palette_is_a_warning_and_kept_as_it_is(string json, string[] missing)
    {
        var document = VisualDesignDocument.Parse(StoryId, json);

        Assert.Equal(missing.Length, document.Warnings.Count);
        Assert.All(missing.Zip(document.Warnings), pair => Assert.Contains($"global_aesthetic.{pair.First}", pair.Second));
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().First().Value!.ToJsonString(), document.GlobalAesthetic.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_document_says_to_run_the_visual_design_step(string? json)
    {
        var error = Assert.Throws<ShotVideoException>(() => VisualDesignDocument.Parse(StoryId, json));

        Assert.Equal("ShotVideoMissingVisualDesignDocument", error.ErrorId);
        Assert.Contains("visual design step", error.RecommendedAction);
        Assert.True(error.AffectsEveryShot);
    }

    [Fact]
    public void Designs_are_resolved_with_their_image_paths_in_either_casing()
    {
        var snake = VisualDesignDocument.Parse(StoryId, Document(false, [("rhea", "a/r.png")], [("dock", "")]));
        var camel = VisualDesignDocument.Parse(StoryId, Document(true, [("rhea", "a/r.png")], [("dock", null)]));
        var payload = StoryboardPayload.Parse(Shot(Payload(["rhea"], ["dock"])));

        var (snakeCharacters, snakeEnvironments) = snake.ResolveReferenced(payload);
        var (camelCharacters, camelEnvironments) = camel.ResolveReferenced(payload);

        Assert.Equal(("rhea", "a/r.png"), (snakeCharacters[0].Id, snakeCharacters[0].ImagePath));
        Assert.Equal(("rhea", "a/r.png"), (camelCharacters[0].Id, camelCharacters[0].ImagePath));
        Assert.Equal("", snakeEnvironments[0].ImagePath);
        Assert.Null(camelEnvironments[0].ImagePath);
    }

    [Fact]
    public void Entries_without_an_id_are_ignored_and_the_first_of_a_repeated_id_wins()
    {
        const string json = """
            {"global_aesthetic":{"visual_style":"a","master_color_palette":"b"},
             "character_designs":[{"role":"nobody"},{"character_id":"rhea","role":"first"},{"character_id":"rhea","role":"second"}]}
            """;
        var document = VisualDesignDocument.Parse(StoryId, json);

        var (characters, _) = document.ResolveReferenced(StoryboardPayload.Parse(Shot(Payload(["rhea"], []))));

        Assert.Equal("first", (string)Assert.Single(characters).Json["role"]!);
    }
}
