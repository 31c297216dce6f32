using System.Text.Json.Nodes;
using ShotVideo.Database;

namespace ShotVideo.Tests.Prompting;

/// <summary>Shots and visual design documents for prompt and reference tests.</summary>
internal static class PromptFixtures
{
    public static readonly Guid StoryId = Guid.Parse("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b");

    public static ShotRecord Shot(
        string payloadJson, string sceneletId = "scenelet-1", int shotIndex = 2, string? keyFrameImagePath = null) =>
        new(
            Guid.NewGuid(),
            StoryId,
            Guid.NewGuid(),
            sceneletId,
            1,
            shotIndex,
            payloadJson,
            keyFrameImagePath,
            null,
            null,
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch);

    /// <summary>A payload in the stored camelCase shape referencing the given ids.</summary>
    public static string Payload(string[] characters, string[] environments) =>
        new JsonObject
        {
            ["framingAndAngle"] = "Wide Establishing Shot",
            ["referencedDesigns"] = new JsonObject
            {
                ["characters"] = new JsonArray(characters.Select(id => (JsonNode)id).ToArray()),
                ["environments"] = new JsonArray(environments.Select(id => (JsonNode)id).ToArray()),
            },
        }.ToJsonString();

    /// <summary>
    /// A visual design document in snake_case or camelCase, with designs given as (id, image path) pairs; every design
    /// also carries a role, a description and an unknown key that must survive.
    /// </summary>
    public static string Document(
        bool camelCase,
        (string Id, string? ImagePath)[] characters,
        (string Id, string? ImagePath)[] environments,
        JsonNode? visualStyle = null,
        JsonNode? palette = null)
    {
        string Key(string snake) => camelCase ? JsonNamingPolicyCamel(snake) : snake;

        return new JsonObject
        {
            ["project_overview"] = "Lanterns on a winter coast",
            [Key("global_aesthetic")] = new JsonObject
            {
                [Key("visual_style")] = visualStyle ?? new JsonObject { ["name"] = "Whimsical Digital Watercolor" },
                [Key("master_color_palette")] = palette ?? new JsonArray(
                    new JsonObject { ["color_name"] = "Ocean Blue", ["hex_code"] = "#4A90E2" }),
                ["lighting_principles"] = "soft",
            },
            [Key("character_designs")] = new JsonArray(characters.Select(c => (JsonNode)new JsonObject
            {
                [Key("character_id")] = c.Id,
                ["role"] = $"role of {c.Id}",
                [Key("character_model_sheet_image_path")] = c.ImagePath,
                [Key("detailed_description")] = new JsonObject { ["silhouette"] = $"shape of {c.Id}" },
                ["x_unknown"] = 7,
            }).ToArray()),
            [Key("environment_designs")] = new JsonArray(environments.Select(e => (JsonNode)new JsonObject
            {
                [Key("environment_id")] = e.Id,
                [Key("associated_scenelet_ids")] = new JsonArray("scenelet-1"),
                [Key("environment_reference_image_path")] = e.ImagePath,
                [Key("detailed_description")] = new JsonObject { ["overview"] = $"look of {e.Id}" },
            }).ToArray()),
        }.ToJsonString();
    }

    private static string JsonNamingPolicyCamel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
