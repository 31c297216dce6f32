using System.Text.Json;
using System.Text.Json.Nodes;
using ShotVideo.Prompting;
using static ShotVideo.Tests.Prompting.PromptFixtures;

namespace ShotVideo.Tests.Prompting;

public class ShotPromptBuilderTests
{
    private static ShotPrompt Build(string payloadJson, string documentJson) =>
        ShotPromptBuilder.Build(
            StoryboardPayload.Parse(Shot(payloadJson)), VisualDesignDocument.Parse(StoryId, documentJson));

    private static string TwoOfEach(bool camelCase) =>
        Document(
            camelCase,
            [("rhea", "s/rhea.png"), ("milo", "s/milo.png"), ("zed", "s/zed.png")],
            [("sandbox-studio", "s/studio.png"), ("harbor", "s/harbor.png")]);

    [Fact]
    public void Text_has_exactly_the_five_members_in_order_and_is_compact()
    {
        var prompt = Build(Payload(["rhea"], ["harbor"]), TwoOfEach(camelCase: false));

        string[] expected = ["global_aesthetic", "character_designs", "environment_designs", "storyboard_payload", "critical_instruction"];
        using var text = JsonDocument.Parse(prompt.Text);
        Assert.Equal(expected, text.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected, prompt.Content.Select(p => p.Key));
        Assert.DoesNotContain('\n', prompt.Text);
        Assert.DoesNotContain(": ", prompt.Text);
    }

    [Fact]
    public void Critical_instruction_forbids_captions_watermarks_and_music()
    {
        var prompt = Build(Payload([], []), TwoOfEach(camelCase: false));

        using var text = JsonDocument.Parse(prompt.Text);
        var instruction = text.RootElement.GetProperty("critical_instruction");
        Assert.Equal(
            ["Do not include captions, subtitles, or watermarks.", "Do not include background music. Output visuals only."],
            instruction.EnumerateArray().Select(directive => directive.GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_referenced_designs_in_referenced_order_without_image_paths_or_scenelet_lists(bool camelCase)
    {
        var prompt = Build(Payload(["zed", "rhea"], ["harbor"]), TwoOfEach(camelCase));

        var idKey = camelCase ? "characterId" : "character_id";
        var characters = prompt.Content["character_designs"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["zed", "rhea"], characters.Select(c => (string)c[idKey]!));
        foreach (var character in characters)
        {
            Assert.False(character.ContainsKey("character_model_sheet_image_path"));
            Assert.False(character.ContainsKey("characterModelSheetImagePath"));
            Assert.Equal(7, (int)character["x_unknown"]!);
            Assert.Equal($"role of {character[idKey]}", (string)character["role"]!);
        }

        var environment = Assert.Single(prompt.Content["environment_designs"]!.AsArray())!.AsObject();
        Assert.Equal("harbor", (string)environment[camelCase ? "environmentId" : "environment_id"]!);
        Assert.Equal(2, environment.Count);
        Assert.True(environment.ContainsKey(camelCase ? "detailedDescription" : "detailed_description"));
        Assert.DoesNotContain("image_path", prompt.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ImagePath", prompt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("associated", prompt.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s/", prompt.Text);
    }

    [Fact]
    public void Handwritten_camel_case_document_is_read()
    {
        const string document = """
            {"globalAesthetic":{"visualStyle":"ink","masterColorPalette":"greys"},
             "characterDesigns":[{"characterId":"rhea","characterModelSheetImagePath":"x/rhea.png","role":"Explorer"}],
             "environmentDesigns":[{"environmentId":"dock","associatedSceneletIds":["scenelet-1"],
                                    "environmentReferenceImagePath":"x/dock.png","lighting":"dusk"}]}
            """;

        var prompt = Build(Payload(["rhea"], ["dock"]), document);

        Assert.Equal("""{"characterId":"rhea","role":"Explorer"}""", prompt.Content["character_designs"]![0]!.ToJsonString());
        Assert.Equal("""{"environmentId":"dock","lighting":"dusk"}""", prompt.Content["environment_designs"]![0]!.ToJsonString());
        Assert.Equal("""{"visualStyle":"ink","masterColorPalette":"greys"}""", prompt.Content["global_aesthetic"]!.ToJsonString());
    }

    [Fact]
    public void A_design_referenced_twice_appears_once()
    {
        var prompt = Build(Payload(["rhea", "milo", "rhea"], ["harbor", "harbor"]), TwoOfEach(camelCase: false));

        Assert.Equal(2, prompt.Content["character_designs"]!.AsArray().Count);
        Assert.Single(prompt.Content["environment_designs"]!.AsArray());
    }

    [Fact]
    public void Storyboard_payload_is_embedded_byte_for_byte_as_stored()
    {
        // The shape PostgreSQL returns jsonb in: spaces after separators, keys not alphabetical, a trailing-zero number,
        // non-ASCII text and an escaped quote.
        const string stored = """{"zeta": 1, "cameraDynamics": "Slow dolly – in", "ratio": 2.50, "line": "She said \"go\"", "referencedDesigns": {"characters": ["rhea"], "environments": []}, "alpha": [true, null]}""";

        var prompt = Build(stored, TwoOfEach(camelCase: false));

        Assert.Contains("\"storyboard_payload\":" + stored + ",\"critical_instruction\"", prompt.Text);
        Assert.Equal(
            ["zeta", "cameraDynamics", "ratio", "line", "referencedDesigns", "alpha"],
            prompt.Content["storyboard_payload"]!.AsObject().Select(p => p.Key));
    }

    public static TheoryData<string, string> FreeFormAesthetics => new()
    {
        { "\"Watercolor, soft edges\"", "\"Ocean Blue and sand\"" },
        { """{"name":"Watercolor","description":"soft"}""", """["#4A90E2","#F5DEB3"]""" },
        { """{"name":"Watercolor"}""", """[{"color_name":"Ocean Blue","hex_code":"#4A90E2","usage_notes":"sky"}]""" },
        { "\"ink\"", """{"primary":"#000000"}""" },
    };

    [Theory]
    [MemberData(nameof(FreeFormAesthetics))]
    public void Global_aesthetic_is_passed_on_whatever_the_shape_of_style_and_palette(string style, string palette)
    {
        var document = Document(false, [], [], JsonNode.Parse(style), JsonNode.Parse(palette));

        var prompt = Build(Payload([], []), document);

        var aesthetic = prompt.Content["global_aesthetic"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(style), aesthetic["visual_style"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(palette), aesthetic["master_color_palette"]));
        Assert.Equal("soft", (string)aesthetic["lighting_principles"]!);
        Assert.DoesNotContain("project_overview", prompt.Text);
    }

    [Fact]
    public void Non_ascii_text_is_sent_readable_not_escaped()
    {
        var document = Document(false, [], [], JsonValue.Create("Cosmo’s café <glow>"), null);

        var prompt = Build(Payload([], []), document);

        Assert.Contains("Cosmo’s café <glow>", prompt.Text);
    }

    [Fact]
    public void Unknown_ids_are_an_error_listing_every_one_and_naming_the_shot()
    {
        var shot = Shot(Payload(["rhea", "ghost", "phantom"], ["harbor", "void"]), "scenelet-7", 3);

        var error = Assert.Throws<ShotVideoException>(() => ShotPromptBuilder.Build(
            StoryboardPayload.Parse(shot), VisualDesignDocument.Parse(StoryId, TwoOfEach(camelCase: false))));

        Assert.Equal("ShotVideoUnknownDesignIds", error.ErrorId);
        Assert.Contains("character 'ghost'", error.Message);
        Assert.Contains("character 'phantom'", error.Message);
        Assert.Contains("environment 'void'", error.Message);
        Assert.DoesNotContain("'rhea'", error.Message);
        Assert.Contains(shot.Key.ToString(), error.Message);
        Assert.Equal(new ShotKey(StoryId, "scenelet-7", 3), error.Shot);
    }

    [Fact]
    public void Size_is_estimated_at_four_characters_per_token_without_warning_when_small()
    {
        var prompt = Build(Payload(["rhea"], []), TwoOfEach(camelCase: false));

        Assert.Equal((prompt.Text.Length + 3) / 4, prompt.EstimatedTokens);
        Assert.InRange(prompt.EstimatedTokens, 50, ShotPromptBuilder.TokenLimit);
        Assert.Empty(prompt.Warnings);
    }

    [Fact]
    public void A_prompt_likely_over_the_limit_is_reported_with_a_warning()
    {
        var document = Document(false, [], [], JsonValue.Create(string.Concat(Enumerable.Repeat("misty harbor ", 400))), null);
        var shot = Shot(Payload([], []), "scenelet-4", 9);

        var prompt = ShotPromptBuilder.Build(StoryboardPayload.Parse(shot), VisualDesignDocument.Parse(StoryId, document));

        Assert.True(prompt.EstimatedTokens > ShotPromptBuilder.TokenLimit);
        var warning = Assert.Single(prompt.Warnings);
        Assert.Contains("1,024", warning);
        Assert.Contains(shot.Key.ToString(), warning);
        Assert.Contains(prompt.EstimatedTokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), warning);
    }
}
