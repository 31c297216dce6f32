using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Playwright;
using ShotVideo.Generation;
using ShotVideo.Review;
using ShotVideo.Tests.Storage;
using ShotVideo.Tests.Support;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Review;

/// <summary>
/// The exported review page of the sample story, opened from disk in headless Chromium: what a reviewer sees and can
/// do, with the stub clips really decoded by the browser.
/// </summary>
public sealed class ReviewPageBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private const float Timeout = 30_000;

    private static readonly string[] ShotsInStoryOrder =
        ["scenelet-1#1", "scenelet-1#2", "scenelet-1#3", "scenelet-2#1", "scenelet-2#2", "scenelet-3#1", "scenelet-3#2"];

    private readonly TempFolder temp = new();
    private readonly List<IBrowserContext> contexts = [];

    [Fact]
    public async Task Every_shot_has_its_row_key_frame_and_a_clip_whose_metadata_loads()
    {
        var (page, session, review) = await OpenAsync(hostile: false, new ViewportSize { Width = 1280, Height = 900 });

        Assert.Equal(ShotsInStoryOrder, await page.Locator("article.shot").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.shot)"));
        var shots = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('article.shot')].map(row => ({
              shot: row.dataset.shot,
              status: row.dataset.status,
              keyFrame: row.querySelector('.key-frame img')?.naturalWidth ?? null,
              clip: row.querySelector('video.clip')?.duration ?? null,
              poster: row.querySelector('video.clip')?.getAttribute('poster') ?? null,
              takes: [...row.querySelectorAll('.takes video')].map(take => take.duration),
            }))
            """);
        var expected = StubDuration().TotalSeconds;
        var rows = shots.EnumerateArray().ToDictionary(row => row.GetProperty("shot").GetString()!);

        // Key frames: the four shots that have one show it, decoded.
        var keyFrames = rows.Where(row => row.Value.GetProperty("keyFrame").ValueKind == JsonValueKind.Number).ToDictionary(row => row.Key, row => row.Value.GetProperty("keyFrame").GetInt32());
        Assert.Equal(["scenelet-1#1", "scenelet-1#2", "scenelet-2#1", "scenelet-3#1"], keyFrames.Keys);
        Assert.All(keyFrames.Values, width => Assert.True(width > 0));

        // Clips: a video per shot with a playable clip, its duration read by the browser from the file itself.
        var withClip = rows.Where(row => row.Value.GetProperty("clip").ValueKind == JsonValueKind.Number).ToDictionary(row => row.Key, row => row.Value);
        Assert.Equal(["scenelet-1#1", "scenelet-1#2", "scenelet-1#3", "scenelet-2#2"], withClip.Keys);
        Assert.All(withClip.Values, row => Assert.Equal(expected, row.GetProperty("clip").GetDouble(), 0.05));
        Assert.Equal("shots/scenelet-1/shot-1_key_frame.png", withClip["scenelet-1#1"].GetProperty("poster").GetString());
        var takes = withClip["scenelet-1#1"].GetProperty("takes").EnumerateArray().Select(take => take.GetDouble()).ToList();
        Assert.Equal(2, takes.Count);
        Assert.All(takes, take => Assert.Equal(expected, take, 0.05));

        Assert.Equal(
            ["generated", "generated", "generated", "filtered", "generated", "failed", "missing"],
            ShotsInStoryOrder.Select(shot => rows[shot].GetProperty("status").GetString()));
        Assert.Equal("Recorded clip is missing", await page.Locator("article[data-shot='scenelet-3#2'] [data-status-text]").TextContentAsync());
        Assert.Equal("1", await page.Locator("[data-fact=lost-clips]").TextContentAsync());

        // Every reference thumbnail was found and decoded too.
        var references = await page.Locator(".references img").EvaluateAllAsync<int[]>("images => images.map(image => image.naturalWidth)");
        Assert.Equal(review.Scenelets.Sum(scenelet => scenelet.Shots.Sum(shot => shot.References.Count)), references.Length);
        Assert.All(references, width => Assert.True(width > 0));
        session.AssertNothingLeftTheDiskOrFailed();
    }

    [Fact]
    public async Task The_scenelet_player_moves_to_the_next_clip_when_one_ends()
    {
        var (page, session, _) = await OpenAsync(hostile: false, new ViewportSize { Width = 1280, Height = 900 });

        await AssertPlayerAdvancesAsync(page);
        session.AssertNothingLeftTheDiskOrFailed();
    }

    /// <summary>
    /// The page Export-ShotVideoReview writes for the sample story after a stub run (what demo.sh does), from the
    /// database, the ledger and the disk, with a script in one storyboard: every shot's row, key frame and clip, the
    /// clips' metadata read by the browser, the scenelet player, and the script shown as text.
    /// </summary>
    [Fact]
    public async Task The_exported_page_of_the_sample_story_shows_every_shot_and_plays_its_clips()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using (var stub = new StubVideoGenerator())
        {
            Assert.Equal(ShotsInStoryOrder.Length, (await workspace.Task(stub).RunAsync(workspace.Selection(ShotVideoMode.Resume))).Generated);
        }

        await Tests.Database.MigrationRunnerTests.ExecuteAsync(
            workspace.ConnectionString,
            $$"""
            update public.shots set storyboard_payload = jsonb_set(storyboard_payload, '{compositionAndContent}', to_jsonb('{{SampleReviewPage.Payload}}'::text))
            where story_id = '{{workspace.StoryId}}' and scenelet_id = 'scenelet-2' and shot_index = 1
            """);
        var export = await ReviewPageExport.WriteAsync(workspace.Database, workspace.PublicRoot, workspace.StoryId, null, default);
        var (page, session) = await OpenFileAsync(export.Path, new ViewportSize { Width = 1280, Height = 900 }, ColorScheme.Light);

        var rows = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('article.shot')].map(row => ({
              shot: row.dataset.shot,
              status: row.dataset.status,
              keyFrame: row.querySelector('.key-frame img')?.naturalWidth ?? 0,
              clip: row.querySelector('video.clip')?.duration ?? 0,
            }))
            """);
        Assert.Equal(ShotsInStoryOrder, rows.EnumerateArray().Select(row => row.GetProperty("shot").GetString()));
        Assert.All(rows.EnumerateArray(), row => Assert.Equal("generated", row.GetProperty("status").GetString()));
        Assert.Equal(4, rows.EnumerateArray().Count(row => row.GetProperty("keyFrame").GetInt32() > 0));
        Assert.All(rows.EnumerateArray(), row => Assert.Equal(StubDuration().TotalSeconds, row.GetProperty("clip").GetDouble(), 0.05));
        Assert.Equal("100 %", await page.Locator("[data-fact=percent-done]").TextContentAsync());
        var references = await page.Locator(".references img").EvaluateAllAsync<int[]>("images => images.map(image => image.naturalWidth)");
        Assert.NotEmpty(references);
        Assert.All(references, width => Assert.True(width > 0));

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.EndsWith(SampleReviewPage.Payload, await page.Locator("article[data-shot='scenelet-2#1'] .caption").TextContentAsync(), StringComparison.Ordinal);

        await AssertPlayerAdvancesAsync(page);
        session.AssertNothingLeftTheDiskOrFailed();
    }

    /// <summary>Plays scenelet-1's player, lets its first clip end, and sees it move on to the second.</summary>
    private static async Task AssertPlayerAdvancesAsync(IPage page)
    {
        var player = page.Locator("#scenelet-1-player");

        await player.Locator("[data-action=play]").ClickAsync();
        await page.WaitForFunctionAsync(
            "() => { const v = document.querySelector('#scenelet-1-player video'); return !v.paused && v.currentTime > 0; }",
            null, new() { Timeout = Timeout });
        Assert.Equal(new[] { true, false, false }, await Playing(player));

        // Skip to just before the end of the first clip and let it end by itself.
        await page.EvaluateAsync("() => { const v = document.querySelector('#scenelet-1-player video'); v.currentTime = Math.max(0, v.duration - 0.3); }");
        await page.WaitForFunctionAsync(
            """
            () => {
              const v = document.querySelector('#scenelet-1-player video');
              return v.getAttribute('src') === 'shots/scenelet-1/shot-2.mp4' && !v.paused && v.currentTime > 0;
            }
            """,
            null, new() { Timeout = Timeout });

        Assert.Equal("1", await player.GetAttributeAsync("data-current"));
        Assert.Equal(new[] { false, true, false }, await Playing(player));
        Assert.Equal("Clip 2 of 3: scenelet-1 shot 2", await player.Locator("[data-player-status]").TextContentAsync());
    }

    [Fact]
    public async Task A_script_in_storyboard_text_is_shown_as_text_and_never_runs()
    {
        var (page, session, _) = await OpenAsync(hostile: true, new ViewportSize { Width = 1280, Height = 900 });

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.EndsWith(SampleReviewPage.Payload, await page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        var shot = page.Locator("article[data-shot='scenelet-1#1']");
        Assert.EndsWith(SampleReviewPage.Payload, await shot.Locator(".caption").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(SampleReviewPage.Payload, await shot.Locator("details.prompt pre").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await shot.Locator(".caption").IsVisibleAsync());
        session.AssertNothingLeftTheDiskOrFailed();
    }

    [Fact]
    public async Task The_player_works_from_the_keyboard_with_a_visible_focus()
    {
        var (page, session, _) = await OpenAsync(hostile: false, new ViewportSize { Width = 1280, Height = 900 });

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to the story player", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("#story-player", await page.EvaluateAsync<string>("() => location.hash"));

        // From the player, Tab reaches its Play button; Enter starts it and Tab, Tab, Enter moves to the next clip.
        for (var presses = 0; presses < 20 && !await FocusedIs(page, "#story-player [data-action=play]"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await FocusedIs(page, "#story-player [data-action=play]"));
        Assert.Equal("solid 3px", await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => !document.querySelector('#story-player video').paused", null, new() { Timeout = Timeout });
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await FocusedIs(page, "#story-player [data-action=next]"));
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("1", await page.Locator("#story-player").GetAttributeAsync("data-current"));
        session.AssertNothingLeftTheDiskOrFailed();
    }

    [Theory]
    [InlineData(ColorScheme.Light, "rgb(246, 246, 243)")]
    [InlineData(ColorScheme.Dark, "rgb(18, 18, 18)")]
    public async Task The_page_fits_a_phone_and_follows_the_systems_colour_scheme(ColorScheme scheme, string background)
    {
        var (page, session, _) = await OpenAsync(hostile: false, new ViewportSize { Width = 390, Height = 844 }, scheme);

        Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");
        var rights = await page.Locator("article.shot, .player").EvaluateAllAsync<double[]>("boxes => boxes.map(box => box.getBoundingClientRect().right)");
        Assert.All(rights, right => Assert.InRange(right, 0, 390));
        session.AssertNothingLeftTheDiskOrFailed();
    }

    /// <summary>
    /// A full-page screenshot of the sample story at laptop width. With <c>SHOTVIDEO_REVIEW_SCREENSHOT</c> set it is
    /// also saved there (scripts/review-screenshot.sh makes docs/review-page.png this way).
    /// </summary>
    [Fact]
    public async Task A_full_page_screenshot_is_laptop_wide()
    {
        var (page, session, _) = await OpenAsync(hostile: false, new ViewportSize { Width = 1280, Height = 900 });

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(temp.Path, "review-page.png") });

        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        if (Environment.GetEnvironmentVariable("SHOTVIDEO_REVIEW_SCREENSHOT") is { Length: > 0 } target)
        {
            await File.WriteAllBytesAsync(target, png);
        }

        session.AssertNothingLeftTheDiskOrFailed();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        temp.Dispose();
    }

    private static TimeSpan StubDuration()
    {
        using var stub = File.OpenRead(StubClipLocator.Find());
        return Mp4Inspector.Inspect(stub, "the stub clip").Duration;
    }

    /// <summary>Which playlist item is marked as the clip in the player.</summary>
    private static Task<bool[]> Playing(ILocator player) =>
        player.Locator("[data-clip-src]").EvaluateAllAsync<bool[]>("items => items.map(item => item.getAttribute('aria-current') === 'true')");

    private static Task<bool> FocusedIs(IPage page, string selector) =>
        page.EvaluateAsync<bool>("selector => document.activeElement === document.querySelector(selector)", selector);

    /// <summary>
    /// Writes the staged sample story's page (<see cref="SampleReviewPage"/>) to its default place in a fresh public/
    /// folder and opens it.
    /// </summary>
    private async Task<(IPage Page, BrowserSession Session, ReviewPage Review)> OpenAsync(bool hostile, ViewportSize viewport, ColorScheme scheme = ColorScheme.Light)
    {
        var publicRoot = Path.Combine(temp.Path, "public");
        var review = await SampleReviewPage.CreateAsync(publicRoot, hostile);
        var file = await ReviewPageWriter.WriteAsync(review, publicRoot, null, default);
        var (page, session) = await OpenFileAsync(file, viewport, scheme);
        return (page, session, review);
    }

    /// <summary>Opens the page <paramref name="file"/> from disk, with every image decoded and every video's metadata loaded.</summary>
    private async Task<(IPage Page, BrowserSession Session)> OpenFileAsync(string file, ViewportSize viewport, ColorScheme scheme)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, ColorScheme = scheme });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(page);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { Timeout = Timeout });

        // Images load lazily: bring each into view once, then wait until all are decoded and all videos know their length.
        await page.EvaluateAsync("""
            async () => {
              for (const image of document.querySelectorAll('img')) {
                image.scrollIntoView();
                await new Promise(resolve => requestAnimationFrame(resolve));
              }
              window.scrollTo(0, 0);
            }
            """);
        await page.WaitForFunctionAsync(
            """
            () => [...document.images].every(image => image.complete && image.naturalWidth > 0)
              && [...document.querySelectorAll('video')].every(video => video.readyState >= 1)
            """,
            null, new() { Timeout = Timeout });
        return (page, session);
    }

    /// <summary>Everything the page asked for and everything it complained about.</summary>
    private sealed class BrowserSession
    {
        private readonly List<string> requests = [];
        private readonly List<string> problems = [];

        public BrowserSession(IPage page)
        {
            page.Request += (_, request) => requests.Add(request.Url);
            page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} ({request.Failure})");
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
        }

        public void AssertNothingLeftTheDiskOrFailed()
        {
            Assert.NotEmpty(requests);
            Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
            Assert.Empty(problems);
        }
    }
}
