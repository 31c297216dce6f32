using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShotVideo.Prompting;

/// <summary>
/// A story's <c>visual_design_document</c>: the global aesthetic and the character and environment designs, read in
/// snake_case or camelCase with every other key kept as stored.
/// </summary>
internal sealed class VisualDesignDocument
{
    private readonly Dictionary<string, VisualDesign> characters;
    private readonly Dictionary<string, VisualDesign> environments;

    private VisualDesignDocument(
        Guid storyId,
        JsonObject globalAesthetic,
        Dictionary<string, VisualDesign> characters,
        Dictionary<string, VisualDesign> environments)
    {
        StoryId = storyId;
        GlobalAesthetic = globalAesthetic;
        this.characters = characters;
        this.environments = environments;
    }

    public Guid StoryId { get; }

    /// <summary>The <c>global_aesthetic</c> object as stored; callers clone before changing it.</summary>
    public JsonObject GlobalAesthetic { get; }

    /// <summary>
    /// Parses the document. Throws <c>ShotVideoMissingVisualDesignDocument</c> when there is none and
    /// <c>ShotVideoInvalidVisualDesignDocument</c> when it is not a JSON object, or lacks <c>visual_style</c> or
    /// <c>master_color_palette</c>; both affect every shot of the story.
    /// </summary>
    public static VisualDesignDocument Parse(Guid storyId, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ShotVideoException(
                "ShotVideoMissingVisualDesignDocument",
                ShotVideoErrorKind.ObjectNotFound,
                $"Story {storyId} has no visual design document; run the visual design step first.")
            { StoryId = storyId, AffectsEveryShot = true };
        }

        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw Invalid(storyId, "it is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw Invalid(storyId, $"it is not valid JSON ({exception.Message})");
        }

        if (JsonKeys.Get(document, "global_aesthetic") is not JsonObject aesthetic)
        {
            throw Invalid(storyId, "it has no global_aesthetic object");
        }

        var missing = new[] { "visual_style", "master_color_palette" }
            .Where(key => IsMissing(JsonKeys.Get(aesthetic, key)))
            .ToList();
        if (missing.Count > 0)
        {
            throw Invalid(storyId, $"global_aesthetic has no {string.Join(" and no ", missing)}");
        }

        return new VisualDesignDocument(
            storyId,
            aesthetic,
            ReadDesigns(storyId, document, "character_designs", "character_id", "character_model_sheet_image_path"),
            ReadDesigns(storyId, document, "environment_designs", "environment_id", "environment_reference_image_path"));
    }

    /// <summary>
    /// The designs a shot references, in referenced order. Throws <c>ShotVideoUnknownDesignIds</c> listing every
    /// referenced id the document does not define.
    /// </summary>
    public (IReadOnlyList<VisualDesign> Characters, IReadOnlyList<VisualDesign> Environments) ResolveReferenced(
        StoryboardPayload payload)
    {
        var unknown = payload.CharacterIds.Where(id => !characters.ContainsKey(id)).Select(id => $"character '{id}'")
            .Concat(payload.EnvironmentIds.Where(id => !environments.ContainsKey(id)).Select(id => $"environment '{id}'"))
            .ToList();
        if (unknown.Count > 0)
        {
            var shot = payload.Shot;
            throw new ShotVideoException(
                "ShotVideoUnknownDesignIds",
                ShotVideoErrorKind.InvalidData,
                $"The storyboard of {shot.DisplayName} references designs the story's visual design document does not "
                    + $"define: {string.Join(", ", unknown)}. Make the storyboard and the visual design document agree "
                    + "(re-run the step that produced the wrong one).")
            { StoryId = shot.StoryId, SceneletId = shot.SceneletId, ShotIndex = shot.ShotIndex };
        }

        return (
            payload.CharacterIds.Select(id => characters[id]).ToList(),
            payload.EnvironmentIds.Select(id => environments[id]).ToList());
    }

    private static bool IsMissing(JsonNode? node) =>
        node is null || (node is JsonValue value && value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text));

    // Entries without a string id cannot be referenced by a shot, so they are left out rather than failing the story;
    // when two entries share an id the first one counts.
    private static Dictionary<string, VisualDesign> ReadDesigns(
        Guid storyId, JsonObject document, string listKey, string idKey, string imagePathKey)
    {
        var designs = new Dictionary<string, VisualDesign>(StringComparer.Ordinal);
        switch (JsonKeys.Get(document, listKey))
        {
            case null:
                return designs;
            case JsonArray list:
                foreach (var entry in list.OfType<JsonObject>())
                {
                    if (!JsonKeys.TryGetString(entry, idKey, out var id) || string.IsNullOrEmpty(id))
                    {
                        continue;
                    }

                    if (!JsonKeys.TryGetString(entry, imagePathKey, out var imagePath))
                    {
                        throw Invalid(storyId, $"{imagePathKey} of '{id}' is not a string");
                    }

                    designs.TryAdd(id, new VisualDesign(id, imagePath, entry));
                }

                return designs;
            default:
                throw Invalid(storyId, $"{listKey} is not a list");
        }
    }

    private static ShotVideoException Invalid(Guid storyId, string problem) =>
        new(
            "ShotVideoInvalidVisualDesignDocument",
            ShotVideoErrorKind.InvalidData,
            $"The visual design document of story {storyId} cannot be used: {problem}. "
                + "Run the visual design step again or correct the document.")
        { StoryId = storyId, AffectsEveryShot = true };
}
