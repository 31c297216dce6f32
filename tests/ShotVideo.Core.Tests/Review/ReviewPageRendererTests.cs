using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ShotVideo.References;
using ShotVideo.Review;
using static ShotVideo.Tests.Review.ReviewPages;

namespace ShotVideo.Tests.Review;

public sealed class ReviewPageRendererTests
{
    private const string Hostile = "<script>window.__pwned=1</script> \"quoted\" 'single' & <b>bold</b>";

    [Fact]
    public void Every_text_from_the_database_is_shown_as_text()
    {
        const string sceneletId = "scene\"<let>&1";
        var page = Page(
            "Story " + Hostile,
            new ReviewScenelet(sceneletId, 1,
            [
                Shot(1, ReviewShotStatus.Failed, sceneletId, reason: "Reason " + Hostile, clip: true, prompt: "Prompt " + Hostile,
                    caption: "Caption " + Hostile, model: "model " + Hostile,
                    references: [Reference(ReferenceImageKind.Character, "char " + Hostile, $"{Story}/visuals/characters/mira/sheet.png")]),
            ]));

        var document = Parse(ReviewPageRenderer.Render(page, $"generated/{Story}"));

        Assert.Equal("Review: Story " + Hostile, document.Title);
        Assert.Equal("Story " + Hostile, document.QuerySelector("h1")!.TextContent);
        var article = ShotArticle(document, sceneletId, 1);
        Assert.Equal("Failed: Reason " + Hostile, article.QuerySelector("[data-status-text]")!.TextContent);
        Assert.Equal("Caption " + Hostile, article.QuerySelector(".caption")!.TextContent);
        Assert.Equal("Prompt " + Hostile, article.QuerySelector("details.prompt pre")!.TextContent);
        Assert.Equal("model " + Hostile, Fact(article, "Model"));
        Assert.Equal("Character reference: char " + Hostile, article.QuerySelector(".references img")!.GetAttribute("alt"));
        Assert.Equal("Character char " + Hostile, article.QuerySelector(".references figcaption")!.TextContent);
        Assert.Equal($"Scenelet 1: {sceneletId}", document.QuerySelector("section.scenelet h2")!.TextContent);
        Assert.Equal($"{sceneletId} shot 1", document.QuerySelector(".playlist button")!.GetAttribute("data-label"));
        Assert.Equal($"Clip of {sceneletId} shot 1", article.QuerySelector("video.clip")!.GetAttribute("aria-label"));

        // Nothing the texts carried became markup: the page's own script is the only one, and no element came from them.
        Assert.Single(document.Scripts);
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.DoesNotContain(document.All.SelectMany(element => element.Attributes), attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void Paths_with_quotes_and_angle_brackets_are_percent_encoded_links()
    {
        const string sceneletId = "scene\"<let> #1?";
        var page = Page("Story", new ReviewScenelet(sceneletId, 1, [Shot(1, ReviewShotStatus.Generated, sceneletId, clip: true)]));

        var document = Parse(ReviewPageRenderer.Render(page, $"generated/{Story}"));

        var video = ShotArticle(document, sceneletId, 1).QuerySelector("video.clip")!;
        Assert.Equal("shots/scene%22%3Clet%3E%20%231%3F/shot-1.mp4", video.GetAttribute("src"));
        Assert.Equal("shots/scene%22%3Clet%3E%20%231%3F/shot-1_key_frame.png", video.GetAttribute("poster"));
    }

    [Fact]
    public void Links_are_relative_to_the_default_page_folder_beside_the_clips()
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1,
        [
            Shot(1, ReviewShotStatus.Generated, clip: true,
                references: [Reference(ReferenceImageKind.Environment, "harbor", $"generated/{Story}/visuals/environments/harbor/keyframe_1.png")]),
        ]));

        var document = Parse(ReviewPageRenderer.Render(page, ReviewPageLocation.DefaultFolder(StoryId)));

        Assert.Equal(
            ["shots/scenelet-1/shot-1.mp4", "shots/scenelet-1/shot-1_key_frame.png", "shots/scenelet-1/shot-1_key_frame.png", "visuals/environments/harbor/keyframe_1.png"],
            Links(ShotArticle(document, "scenelet-1", 1)));
    }

    [Theory]
    [InlineData("", "generated/{story}/shots/scenelet-1/shot-1.mp4")]
    [InlineData("reviews", "../generated/{story}/shots/scenelet-1/shot-1.mp4")]
    [InlineData("generated/{story}/shots", "scenelet-1/shot-1.mp4")]
    [InlineData("generated/other-story/pages", "../../{story}/shots/scenelet-1/shot-1.mp4")]
    public void Links_are_relative_to_a_page_folder_inside_public(string folder, string expected)
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1, [Shot(1, ReviewShotStatus.Generated, keyFrame: false, clip: true)]));

        var document = Parse(ReviewPageRenderer.Render(page, folder.Replace("{story}", Story, StringComparison.Ordinal)));

        Assert.Equal(expected.Replace("{story}", Story, StringComparison.Ordinal), document.QuerySelector("video.clip")!.GetAttribute("src"));
    }

    [Theory]
    [InlineData("public", "out/review.html", "../public/generated/{story}/shots/scenelet-1/shot-1.mp4")]
    [InlineData("my public", "review.html", "my%20public/generated/{story}/shots/scenelet-1/shot-1.mp4")]
    [InlineData("site/public", "site/public/generated/{story}/review.html", "shots/scenelet-1/shot-1.mp4")]
    [InlineData("site/public", "site/public/index.html", "generated/{story}/shots/scenelet-1/shot-1.mp4")]
    public void Links_are_relative_to_a_page_file_anywhere(string publicFolder, string pageFile, string expected)
    {
        var root = Path.Combine(Path.GetTempPath(), "shotvideo-review-location");
        var location = ReviewPageLocation.ForFile(
            Path.Combine(root, publicFolder), Path.Combine(root, pageFile.Replace("{story}", Story, StringComparison.Ordinal)));

        Assert.Equal(expected.Replace("{story}", Story, StringComparison.Ordinal), location.UrlFor(Clip("scenelet-1", 1)));
    }

    [Fact]
    public void A_page_folder_that_leaves_public_is_refused()
    {
        var error = Assert.Throws<ShotVideoException>(() => ReviewPageLocation.InPublicFolder("../elsewhere"));
        Assert.Equal("ShotVideoUnsafePath", error.ErrorId);
    }

    [Fact]
    public void Each_status_has_its_text_and_only_playable_clips_get_a_video()
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1,
        [
            Shot(1),
            Shot(2, ReviewShotStatus.Generated, clip: true),
            Shot(3, ReviewShotStatus.Filtered, reason: "audio flagged", clip: true),
            Shot(4, ReviewShotStatus.Failed, reason: "quota exhausted"),
            Shot(5, ReviewShotStatus.Missing, clip: true),
            Shot(6, ReviewShotStatus.Broken, clip: true, keyFrame: false),
            Shot(7, ReviewShotStatus.Filtered),
        ]));

        var document = Parse(ReviewPageRenderer.Render(page, $"generated/{Story}"));

        var shots = document.QuerySelectorAll("article.shot").Select(article => (
            article.GetAttribute("data-status"),
            article.QuerySelector("[data-status-text]")!.TextContent,
            article.QuerySelector("video.clip") is not null,
            article.QuerySelector(".no-clip")?.TextContent)).ToList();
        Assert.Equal(
            [
                ("no-clip", "No clip yet", false, "No clip yet"),
                ("generated", "Generated", true, null),
                ("filtered", "Filtered: audio flagged", true, null),
                ("failed", "Failed: quota exhausted", false, "Failed: quota exhausted"),
                ("missing", "Recorded clip is missing", false, $"Recorded clip is missingRecorded: generated/{Story}/shots/scenelet-1/shot-5.mp4"),
                ("broken", "Recorded clip is broken (not a whole MP4)", false, $"Recorded clip is broken (not a whole MP4)Recorded: generated/{Story}/shots/scenelet-1/shot-6.mp4"),
                ("filtered", "Filtered", false, "Filtered"),
            ],
            shots);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["shots"] = "7", ["key-frames"] = "6", ["clips"] = "2", ["percent-done"] = "28.6 %", ["spend"] = "$9.60", ["lost-clips"] = "2",
            },
            document.QuerySelectorAll("[data-fact]").ToDictionary(fact => fact.GetAttribute("data-fact")!, fact => fact.TextContent));
    }

    [Fact]
    public void Facts_of_the_current_clip_are_shown()
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1, [Shot(1, ReviewShotStatus.Generated, clip: true) with { Attempts = 2, CostUsd = 4.8m }]));

        var article = ShotArticle(Parse(ReviewPageRenderer.Render(page, $"generated/{Story}")), "scenelet-1", 1);

        Assert.Equal(
            [("Cost", "$4.80"), ("Attempts", "2"), ("Length", "8.0 s"), ("Size", "6.1 kB"), ("Model", "veo-3.1-generate-preview"), ("Made", "2026-11-29 13:03 UTC")],
            article.QuerySelectorAll(".facts dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)));
        Assert.Equal("metadata", article.QuerySelector("video.clip")!.GetAttribute("preload"));
        Assert.True(article.QuerySelector("video.clip")!.HasAttribute("controls"));
    }

    [Fact]
    public void References_are_shown_in_the_order_they_were_sent_with_their_kind()
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1,
        [
            Shot(1, ReviewShotStatus.Generated, clip: true, references:
            [
                Reference(ReferenceImageKind.Character, "tobin", $"{Story}/visuals/characters/tobin/sheet.png"),
                Reference(ReferenceImageKind.Environment, "grotto", $"{Story}/visuals/environments/grotto/keyframe_1.png"),
                Reference(ReferenceImageKind.KeyFrame, "scenelet-1#1", $"{Story}/shots/scenelet-1/shot-1_key_frame.png"),
            ]),
        ]));

        var article = ShotArticle(Parse(ReviewPageRenderer.Render(page, $"generated/{Story}")), "scenelet-1", 1);

        Assert.Equal(
            [
                ("Character", "Character tobin", "visuals/characters/tobin/sheet.png"),
                ("Environment", "Environment grotto", "visuals/environments/grotto/keyframe_1.png"),
                ("KeyFrame", "Key frame scenelet-1#1", "shots/scenelet-1/shot-1_key_frame.png"),
            ],
            article.QuerySelectorAll(".references li").Select(item => (
                item.GetAttribute("data-kind"), item.QuerySelector("figcaption")!.TextContent, item.QuerySelector("img")!.GetAttribute("src"))));
    }

    [Fact]
    public void Earlier_takes_are_playable_side_by_side()
    {
        var takes = new[]
        {
            new ReviewClip(Clip("scenelet-1", 1, "shot-1.take-1.mp4"), CostUsd: 1.60m, Model: "veo-3.1-fast-generate-preview", CreatedAt: ReadAt.AddDays(-2)),
            new ReviewClip(Clip("scenelet-1", 1, "shot-1.take-2.mp4"), CreatedAt: ReadAt.AddDays(-1)),
        };
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1, [Shot(1, ReviewShotStatus.Generated, clip: true, takes: takes)]));

        var article = ShotArticle(Parse(ReviewPageRenderer.Render(page, $"generated/{Story}")), "scenelet-1", 1);

        Assert.Equal("Earlier takes (2)", article.QuerySelectorAll("h4").Last().TextContent);
        Assert.Equal(
            [
                ("shots/scenelet-1/shot-1.take-1.mp4", true, "Take 1 · 2026-11-27 14:03 UTC · $1.60 · veo-3.1-fast-generate-preview"),
                ("shots/scenelet-1/shot-1.take-2.mp4", true, "Take 2 · 2026-11-28 14:03 UTC"),
            ],
            article.QuerySelectorAll(".takes li").Select(item => (
                item.QuerySelector("video")!.GetAttribute("src"), item.QuerySelector("video")!.HasAttribute("controls"), item.QuerySelector("figcaption")!.TextContent)));
    }

    [Fact]
    public void Scenelets_and_shots_are_in_story_order_and_the_players_list_the_playable_clips()
    {
        var page = Page("Story",
            new ReviewScenelet("scenelet-b", 2, [Shot(2, ReviewShotStatus.Generated, "scenelet-b", clip: true), Shot(1, ReviewShotStatus.Generated, "scenelet-b", clip: true)]),
            new ReviewScenelet("scenelet-a", 1, [Shot(1, ReviewShotStatus.Generated, "scenelet-a", clip: true), Shot(2, ReviewShotStatus.Missing, "scenelet-a", clip: true)]));

        var document = Parse(ReviewPageRenderer.Render(page, $"generated/{Story}"));

        Assert.Equal(["scenelet-a#1", "scenelet-a#2", "scenelet-b#1", "scenelet-b#2"], document.QuerySelectorAll("article.shot").Select(a => a.GetAttribute("data-shot")));
        Assert.Equal(
            ["shots/scenelet-a/shot-1.mp4", "shots/scenelet-b/shot-1.mp4", "shots/scenelet-b/shot-2.mp4"],
            PlaylistSources(document.GetElementById("story-player")!));
        Assert.Equal(["shots/scenelet-b/shot-1.mp4", "shots/scenelet-b/shot-2.mp4"], PlaylistSources(document.GetElementById("scenelet-2-player")!));
        var story = document.GetElementById("story-player")!;
        Assert.Equal("shots/scenelet-a/shot-1.mp4", story.QuerySelector("video")!.GetAttribute("src"));
        Assert.Equal("0", story.GetAttribute("data-current"));
        Assert.Equal(["true", null, null], story.QuerySelectorAll("[data-clip-src]").Select(item => item.GetAttribute("aria-current")));
        Assert.Equal(["Play all", "Previous", "Next"], story.QuerySelectorAll("[data-action]").Select(button => button.TextContent));
        Assert.All(story.QuerySelectorAll("button"), button => Assert.Equal("button", button.GetAttribute("type")));
    }

    [Fact]
    public void A_story_without_clips_says_there_is_nothing_to_play()
    {
        var document = Parse(ReviewPageRenderer.Render(Page("Story", new ReviewScenelet("scenelet-1", 1, [Shot(1)])), $"generated/{Story}"));

        Assert.Equal("No clips to play yet.", document.GetElementById("story-player")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("video"));
    }

    [Fact]
    public void The_page_needs_no_network_and_allows_only_its_own_style_and_script()
    {
        var page = Page("Story", new ReviewScenelet("scenelet-1", 1,
        [
            Shot(1, ReviewShotStatus.Generated, clip: true, prompt: "{}",
                references: [Reference(ReferenceImageKind.Character, "mira", $"{Story}/visuals/characters/mira/sheet.png")],
                takes: [new ReviewClip(Clip("scenelet-1", 1, "shot-1.take-1.mp4"))]),
        ]));

        var html = ReviewPageRenderer.Render(page, $"generated/{Story}");
        var document = Parse(html);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(document.QuerySelectorAll("link, iframe, object, embed, [srcset]"));
        var links = document.All.SelectMany(element => element.Attributes)
            .Where(attribute => attribute.Name is "src" or "href" or "poster" or "data-clip-src" or "data-poster")
            .Select(attribute => attribute.Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.False(Uri.TryCreate(link, UriKind.Absolute, out _) || link.StartsWith("//", StringComparison.Ordinal), link));

        var policy = document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(
            [Sha256(document.QuerySelector("style")!.TextContent), Sha256(document.Scripts.Single().Text)],
            Regex.Matches(policy, "'(sha256-[^']+)'").Select(match => match.Groups[1].Value));
    }

    private static string Fact(IElement article, string name) =>
        article.QuerySelectorAll(".facts dt").Single(dt => dt.TextContent == name).NextElementSibling!.TextContent;

    private static IEnumerable<string?> Links(IElement element) =>
        element.QuerySelectorAll("[src], [poster]").SelectMany(e => new[] { e.GetAttribute("src"), e.GetAttribute("poster") }).Where(link => link is not null);

    private static IEnumerable<string?> PlaylistSources(IElement player) =>
        player.QuerySelectorAll("[data-clip-src]").Select(item => item.GetAttribute("data-clip-src"));

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
