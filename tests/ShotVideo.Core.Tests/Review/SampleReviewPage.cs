using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShotVideo.Database;
using ShotVideo.Prompting;
using ShotVideo.References;
using ShotVideo.Review;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Review;

/// <summary>
/// The sample story (fixtures/stories/lantern-keepers) as a review page over a real public/ folder: its images copied
/// under generated/&lt;story-id&gt;/ as the story loader does, the stub clip copied to each clip path, prompts and reference
/// choices made by ShotVideo's own builder and selector, and a staged mix of outcomes so every state shows.
/// </summary>
internal static class SampleReviewPage
{
    public const string Payload = "<script>window.__pwned=1</script>";

    public const string Model = "veo-3.1-generate-preview";

    // PostgreSQL returns jsonb text with '<', '>' and '&' as they are, not as \u escapes.
    private static readonly JsonSerializerOptions AsStored = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What each shot's last attempt did in the staged story, by scenelet id and shot index.</summary>
    private static readonly Dictionary<(string, int), (ReviewShotStatus Status, string? Reason, int EarlierTakes)> Outcomes = new()
    {
        [("scenelet-1", 1)] = (ReviewShotStatus.Generated, null, 2),
        [("scenelet-1", 2)] = (ReviewShotStatus.Generated, null, 0),
        [("scenelet-1", 3)] = (ReviewShotStatus.Generated, null, 0),
        [("scenelet-2", 1)] = (ReviewShotStatus.Filtered, "The output was blocked by the safety filter (code 58061214: child safety).", 0),
        [("scenelet-2", 2)] = (ReviewShotStatus.Generated, null, 0),
        [("scenelet-3", 1)] = (ReviewShotStatus.Failed, "Veo answered 429 RESOURCE_EXHAUSTED \"quota exceeded\" five times; gave up.", 0),
        // Recorded in the database, but the file is not in public/: the page must mark it.
        [("scenelet-3", 2)] = (ReviewShotStatus.Missing, null, 0),
    };

    /// <summary>
    /// Lays out the story under <paramref name="publicRoot"/> and returns its page. With <paramref name="hostile"/> the story
    /// name and the first shot's storyboard carry <see cref="Payload"/>, as user text might.
    /// </summary>
    public static async Task<ReviewPage> CreateAsync(string publicRoot, bool hostile)
    {
        var folder = RepositoryPaths.SampleStory;
        var story = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "story.json")))!.AsObject();
        var storyId = Guid.Parse(story["id"]!.GetValue<string>());
        var document = VisualDesignDocument.Parse(storyId, await File.ReadAllTextAsync(Path.Combine(folder, "visual-design-document.json")));
        CopyAssets(Path.Combine(folder, "assets"), Path.Combine(publicRoot, "generated", storyId.ToString("D")));
        var selector = new ReferenceImageSelector(new ShotVideo.Storage.AssetRoot(publicRoot), new ReferenceImageFiles(publicRoot));
        var stub = StubClipLocator.Find();
        var sceneletNodes = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "scenelets.json")))!.AsArray();

        var scenelets = new List<ReviewScenelet>();
        var made = 0;
        foreach (var scenelet in sceneletNodes.Select(node => node!.AsObject()))
        {
            var sceneletId = scenelet["sceneletId"]!.GetValue<string>();
            var shots = new List<ReviewShot>();
            foreach (var shotNode in scenelet["shots"]!.AsArray().Select(node => node!.AsObject()))
            {
                var index = shotNode["shotIndex"]!.GetValue<int>();
                var storyboard = shotNode["storyboardPayload"]!.AsObject();
                if (hostile && shots.Count == 0 && scenelets.Count == 0)
                {
                    storyboard["compositionAndContent"] = storyboard["compositionAndContent"]!.GetValue<string>() + " " + Payload;
                }

                var keyFrame = shotNode["keyFrameImagePath"]?.GetValue<string>();
                var record = new ShotRecord(Guid.NewGuid(), storyId, Guid.NewGuid(), sceneletId, scenelet["sequence"]!.GetValue<int>(), index,
                    storyboard.ToJsonString(AsStored), keyFrame, null, null, Start, Start);
                var payload = StoryboardPayload.Parse(record);
                var selection = await selector.SelectAsync(payload, document, includeKeyFrame: true, allowMissing: true, default);
                var (status, reason, earlierTakes) = Outcomes[(sceneletId, index)];
                var clipCost = VeoPriceTable.EstimateCost(Model, 8, withAudio: true)!.Value;

                ReviewClip? current = null;
                var takes = new List<ReviewClip>();
                if (status is ReviewShotStatus.Generated or ReviewShotStatus.Missing)
                {
                    for (var take = 1; take <= earlierTakes; take++)
                    {
                        takes.Add(Place(publicRoot, stub, storyId, sceneletId, $"shot-{index}.take-{take}.mp4", clipCost, Start.AddMinutes(made++ * 7)));
                    }

                    current = Place(publicRoot, stub, storyId, sceneletId, $"shot-{index}.mp4", clipCost, Start.AddMinutes(made++ * 7));
                    if (status is ReviewShotStatus.Missing)
                    {
                        File.Delete(current.Path.Under(publicRoot));
                    }

                    var file = ClipFileCheck.Inspect(publicRoot, current.Path);
                    status = file.State == ClipFileState.Whole ? ReviewShotStatus.Generated : ReviewShotStatus.Missing;
                    current = current with { Bytes = file.Bytes, Duration = file.Duration };
                }

                var attempts = status switch
                {
                    ReviewShotStatus.Failed => 5,
                    _ => 1 + earlierTakes,
                };
                shots.Add(new ReviewShot(
                    index,
                    status,
                    reason,
                    keyFrame is null ? null : PublicPath.FromGenerated(keyFrame, "key frame"),
                    current,
                    [.. selection.References.Where(reference => reference.Sent).Select(reference => new ReviewReference(reference.Kind, reference.SourceId, PublicPath.FromGenerated(reference.Path, "reference image")))],
                    current is null ? 0m : clipCost * (1 + earlierTakes),
                    attempts,
                    ShotPromptBuilder.Build(payload, document).Text,
                    takes,
                    $"{storyboard["framingAndAngle"]}: {storyboard["compositionAndContent"]}"));
            }

            scenelets.Add(new ReviewScenelet(sceneletId, scenelet["sequence"]!.GetValue<int>(), shots));
        }

        var name = story["displayName"]!.GetValue<string>() + (hostile ? " " + Payload : "");
        return new ReviewPage(storyId, name, scenelets.Sum(s => s.Shots.Sum(shot => shot.CostUsd)), Start.AddHours(2), scenelets);
    }

    private static ReviewClip Place(string publicRoot, string stub, Guid storyId, string sceneletId, string file, decimal cost, DateTimeOffset made)
    {
        var path = PublicPath.FromPublic($"generated/{storyId:D}/shots/{sceneletId}/{file}", "sample clip");
        Directory.CreateDirectory(Path.GetDirectoryName(path.Under(publicRoot))!);
        File.Copy(stub, path.Under(publicRoot), overwrite: true);
        var facts = ClipFileCheck.Inspect(publicRoot, path);
        return new ReviewClip(path, facts.Bytes, facts.Duration, cost, Model, made);
    }

    private static void CopyAssets(string assets, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(assets, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
