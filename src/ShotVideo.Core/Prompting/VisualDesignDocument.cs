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
        Dictionary<string, VisualDesign> environments,
        IReadOnlyList<string> warnings)
    {
        StoryId = storyId;
        GlobalAesthetic = globalAesthetic;
        this.characters = characters;
        this.environments = environments;
        Warnings = warnings;
    }

    public Guid StoryId { get; }

    /// <summary>The <c>global_aesthetic</c> object as stored; callers clone before changing it.</summary>
    public JsonObject GlobalAesthetic { get; }

    /// <summary>What the document lacks that the prompt would like (e.g. no <c>visual_style</c>); the prompt carries the section as it is.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Parses the document. Throws <c>ShotVideoMissingVisualDesignDocument</c> when there is none and
    /// <c>ShotVideoInvalidVisualDesignDocument</c> when it is not a JSON object or its <c>global_aesthetic</c> is not an
    /// object; both affect every shot of the story. A <c>global_aesthetic</c> without <c>visual_style</c> or
    /// <c>master_color_palette</c> is a warning: the prompt carries the section verbatim either way.
    /// </summary>
    public static VisualDesignDocument Parse(Guid storyId, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw ShotVideoErrors.MissingVisualDesignDocument(storyId);
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

        var warnings = new[] { "visual_style", "master_color_palette" }
            .Where(key => IsMissing(JsonKeys.Get(aesthetic, key)))
            .Select(key => $"The visual design document of story {storyId} has no global_aesthetic.{key}; the prompt carries the section as it is. "
                + "Run the visual design step again to give the model the story's look.")
            .ToList();
        return new VisualDesignDocument(
            storyId,
            aesthetic,
            ReadDesigns(storyId, document, "character_designs", "character_id", "character_model_sheet_image_path"),
            ReadDesigns(storyId, document, "environment_designs", "environment_id", "environment_reference_image_path"),
            warnings);
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
            throw ShotVideoErrors.UnknownDesignIds(payload.Shot.Key, unknown);
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

    private static ShotVideoException Invalid(Guid storyId, string problem) => ShotVideoErrors.InvalidVisualDesignDocument(storyId, problem);
}
