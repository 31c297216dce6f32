using System.Text.Json;
using System.Text.Json.Nodes;
using ShotVideo.Database;

namespace ShotVideo.Prompting;

/// <summary>A shot's <c>storyboard_payload</c>: its text kept exactly as stored, and the designs it references.</summary>
internal sealed class StoryboardPayload
{
    private StoryboardPayload(ShotRecord shot, string json, JsonObject content, IReadOnlyList<string> characterIds,
        IReadOnlyList<string> environmentIds)
    {
        Shot = shot;
        Json = json;
        Content = content;
        CharacterIds = characterIds;
        EnvironmentIds = environmentIds;
    }

    public ShotRecord Shot { get; }

    /// <summary>The payload's JSON text exactly as stored (surrounding whitespace aside); the prompt embeds it unchanged.</summary>
    public string Json { get; }

    /// <summary>The payload parsed, keys in stored order.</summary>
    public JsonObject Content { get; }

    /// <summary><c>referencedDesigns.characters</c>, each id once, in referenced order.</summary>
    public IReadOnlyList<string> CharacterIds { get; }

    /// <summary><c>referencedDesigns.environments</c>, each id once, in referenced order.</summary>
    public IReadOnlyList<string> EnvironmentIds { get; }

    /// <summary>
    /// Parses the shot's payload. Throws <c>ShotVideoInvalidStoryboardPayload</c> when it is not a JSON object or its
    /// reference lists are not lists of ids, and <c>ShotVideoMissingReferencedDesigns</c> when it has no
    /// <c>referencedDesigns</c>.
    /// </summary>
    public static StoryboardPayload Parse(ShotRecord shot)
    {
        var json = shot.StoryboardPayloadJson.Trim();
        JsonObject content;
        try
        {
            content = JsonNode.Parse(json) as JsonObject ?? throw Invalid(shot, "it is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw Invalid(shot, $"it is not valid JSON ({exception.Message})");
        }

        if (JsonKeys.Get(content, "referenced_designs") is not { } referenced)
        {
            throw ShotVideoErrors.MissingReferencedDesigns(shot.Key);
        }

        if (referenced is not JsonObject lists)
        {
            throw Invalid(shot, "referencedDesigns is not an object");
        }

        return new StoryboardPayload(
            shot, json, content, ReadIds(shot, lists, "characters"), ReadIds(shot, lists, "environments"));
    }

    private static List<string> ReadIds(ShotRecord shot, JsonObject lists, string key)
    {
        switch (lists[key])
        {
            case null:
                return [];
            case JsonArray items:
                var ids = new List<string>();
                foreach (var item in items)
                {
                    if (item is not JsonValue value || !value.TryGetValue<string>(out var id))
                    {
                        throw Invalid(shot, $"referencedDesigns.{key} holds something other than an id");
                    }

                    if (!ids.Contains(id, StringComparer.Ordinal))
                    {
                        ids.Add(id);
                    }
                }

                return ids;
            default:
                throw Invalid(shot, $"referencedDesigns.{key} is not a list");
        }
    }

    private static ShotVideoException Invalid(ShotRecord shot, string problem) => ShotVideoErrors.InvalidStoryboardPayload(shot.Key, problem);
}
