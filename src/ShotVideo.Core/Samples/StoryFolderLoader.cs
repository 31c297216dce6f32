using System.Text.Json;
using System.Text.Json.Nodes;
using ShotVideo.Database;

namespace ShotVideo.Samples;

/// <summary>
/// Loads a story folder (<c>fixtures/stories/&lt;name&gt;/</c>: story.json, visual-design-document.json, scenelets.json
/// and assets/) into a database, and copies its assets under <c>&lt;public&gt;/generated/&lt;story-id&gt;/</c>.
/// Used by tests and the demo; loading a story that is already there changes nothing in the database.
/// </summary>
public static class StoryFolderLoader
{
    /// <param name="publicRoot">The web app's public folder as a full path, or null to copy no assets.</param>
    public static async Task<StoryFolderLoadResult> LoadAsync(StoryDatabase database, string storyFolder, string? publicRoot, CancellationToken cancellationToken)
    {
        // A relative folder resolves against the process's working directory, which is rarely what the caller meant:
        // PowerShell turns $null into "" for a string argument, and assets then landed in the repository root.
        if (publicRoot is not null && !Path.IsPathFullyQualified(publicRoot))
        {
            throw new ArgumentException($"The public folder must be a full path; '{publicRoot}' is not.", nameof(publicRoot));
        }

        var story = ReadJson<JsonObject>(storyFolder, "story.json");
        var storyId = Guid.Parse(Required(story, "id", storyFolder));
        var documentJson = await File.ReadAllTextAsync(Path.Combine(storyFolder, "visual-design-document.json"), cancellationToken).ConfigureAwait(false);
        var scenelets = ReadJson<JsonArray>(storyFolder, "scenelets.json");

        if (publicRoot is not null)
        {
            CopyAssets(Path.Combine(storyFolder, "assets"), Path.Combine(publicRoot, "generated", storyId.ToString()));
        }

        if (await database.Stories.ExistsAsync(storyId, cancellationToken).ConfigureAwait(false))
        {
            return new StoryFolderLoadResult(storyId, Created: false);
        }

        await database.Stories.CreateStoryAsync(
            new NewStory(Required(story, "displayName", storyFolder), Required(story, "initialPrompt", storyFolder), documentJson, storyId),
            cancellationToken).ConfigureAwait(false);
        try
        {
            var shots = new List<NewShot>();
            foreach (var scenelet in scenelets.Select(node => node!.AsObject()))
            {
                var sceneletRef = Guid.Parse(Required(scenelet, "id", storyFolder));
                var parent = scenelet["parentSceneletId"]?.GetValue<string>();
                await database.Stories.CreateSceneletAsync(
                    new NewScenelet(storyId, scenelet["content"]!.ToJsonString(), parent is null ? null : Guid.Parse(parent), sceneletRef),
                    cancellationToken).ConfigureAwait(false);
                var sceneletId = Required(scenelet, "sceneletId", storyFolder);
                var sequence = scenelet["sequence"]!.GetValue<int>();
                shots.AddRange(scenelet["shots"]!.AsArray().Select(node => node!.AsObject()).Select(shot => new NewShot(
                    storyId,
                    sceneletRef,
                    sceneletId,
                    sequence,
                    shot["shotIndex"]!.GetValue<int>(),
                    shot["storyboardPayload"]!.ToJsonString(),
                    shot["keyFrameImagePath"]?.GetValue<string>())));
            }

            await database.Shots.CreateShotsAsync(shots, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leave no half-loaded story behind: scenelets and shots go with it (on delete cascade).
            await database.Stories.DeleteStoryAsync(storyId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return new StoryFolderLoadResult(storyId, Created: true);
    }

    private static void CopyAssets(string assetsFolder, string destination)
    {
        if (!Directory.Exists(assetsFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(assetsFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(assetsFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static T ReadJson<T>(string folder, string file)
        where T : JsonNode
    {
        var path = Path.Combine(folder, file);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as T
                ?? throw new JsonException($"expected a JSON {(typeof(T) == typeof(JsonArray) ? "array" : "object")}");
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            throw ShotVideoErrors.InvalidStoryFolder($"{path} cannot be read: {ex.Message}", ex);
        }
    }

    private static string Required(JsonObject node, string name, string folder) =>
        node[name]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw ShotVideoErrors.InvalidStoryFolder($"The story folder {folder} has an entry without '{name}'.");
}
