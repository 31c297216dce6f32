using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.Review;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Review;

/// <summary>The review page's data read from a real database, ledger and public/ folder after real runs against the fake Veo service.</summary>
public sealed class ReviewPageBuilderTests
{
    private const string Hostile = "<script>window.__pwned=1</script>";

    [Fact]
    public async Task The_page_shows_each_shot_as_the_database_the_ledger_and_the_disk_have_it()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        // Among the outcomes, scenelet-1 shot 1 made twice: Override kept the first clip as a take.
        await StageOutcomesAsync(workspace);

        var page = await new ReviewPageBuilder(workspace.Database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default);

        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, null, null, liveOnly: false, default);
        Assert.Equal(("The Lantern Keepers", workspace.StoryId), (page.StoryName, page.StoryId));
        Assert.Equal(jobs.Sum(job => job.CostUsd ?? 0m), page.TotalSpendUsd);
        Assert.Equal(["scenelet-1", "scenelet-2", "scenelet-3"], page.Scenelets.Select(scenelet => scenelet.SceneletId));
        var shots = page.Scenelets.SelectMany(scenelet => scenelet.Shots.Select(shot => (Key: $"{scenelet.SceneletId}#{shot.ShotIndex}", Shot: shot))).ToDictionary(pair => pair.Key, pair => pair.Shot);
        Assert.Equal(
            [ReviewShotStatus.Generated, ReviewShotStatus.Generated, ReviewShotStatus.Generated, ReviewShotStatus.Filtered, ReviewShotStatus.Broken, ReviewShotStatus.Failed, ReviewShotStatus.Missing],
            page.Scenelets.SelectMany(scenelet => scenelet.Shots).Select(shot => shot.Status));
        Assert.Contains("safety", shots["scenelet-2#1"].StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("internal error", shots["scenelet-3#1"].StatusReason, StringComparison.Ordinal);
        Assert.NotNull(shots["scenelet-2#2"].StatusReason);
        Assert.Equal((7, 4, 3, 2), (page.TotalShots, page.ShotsWithKeyFrame, page.ShotsWithClip, page.ShotsWithLostClip));

        // The shot made twice: both attempts and their cost, the current clip's facts, the kept take.
        var first = shots["scenelet-1#1"];
        Assert.Equal((2, 6.40m), (first.Attempts, first.CostUsd));
        Assert.Equal(($"generated/{workspace.StoryId}/shots/scenelet-1/shot-1.mp4", 3.20m, "veo-3.1-generate-preview"), (first.CurrentClip!.Path.Value, first.CurrentClip.CostUsd, first.CurrentClip.Model));
        Assert.True(first.CurrentClip.Bytes > 0);
        Assert.NotNull(first.CurrentClip.Duration);
        var take = Assert.Single(first.EarlierTakes);
        Assert.Equal($"generated/{workspace.StoryId}/shots/scenelet-1/takes/shot-1-take-1.mp4", take.Path.Value);
        Assert.Equal(first.CurrentClip.Duration, take.Duration);
        Assert.Equal($"generated/{workspace.StoryId}/shots/scenelet-1/shot-1_key_frame.png", first.KeyFrame!.Value);
        Assert.StartsWith("Wide", first.Caption, StringComparison.Ordinal);

        // Prompt and references: what Get-ShotVideoPrompt shows, in the order they are sent, with their kind.
        var preview = await new ShotVideoTask(workspace.Database, null, workspace.Options()).PlanAsync(
            new RunSelection(workspace.StoryId) { Mode = ShotVideoMode.Override, ReadLedger = false }, default);
        Assert.All(preview.Shots, planned =>
        {
            var shot = shots[$"{planned.SceneletId}#{planned.ShotIndex}"];
            Assert.Equal(planned.PromptText, shot.PromptText);
            Assert.Equal(
                planned.References.Where(reference => reference.Sent).Select(reference => (reference.Kind, reference.SourceId, "generated/" + reference.Path)),
                shot.References.Select(reference => (reference.Kind, reference.SourceId, reference.Path.Value)));
        });
        Assert.Contains(shots.Values, shot => shot.References.Count == 3);
        Assert.Empty(shots["scenelet-1#2"].EarlierTakes);
    }

    [Fact]
    public async Task Storyboard_text_with_a_script_is_rendered_as_text()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        await Database.MigrationRunnerTests.ExecuteAsync(
            workspace.ConnectionString,
            $$"""
            update public.shots set storyboard_payload = jsonb_set(storyboard_payload, '{compositionAndContent}', to_jsonb('{{Hostile}}'::text))
            where story_id = '{{workspace.StoryId}}' and scenelet_id = 'scenelet-1' and shot_index = 1;
            update public.stories set display_name = 'Keepers {{Hostile}}' where id = '{{workspace.StoryId}}';
            """);
        var file = Path.Combine(workspace.PublicRoot, "review.html");

        var export = await ReviewPageExport.WriteAsync(workspace.Database, workspace.PublicRoot, workspace.StoryId, file, default);

        var html = await File.ReadAllTextAsync(export.Path);
        Assert.Equal((file, "Keepers " + Hostile, 7, 0), (export.Path, export.StoryName, export.TotalShots, export.ShotsWithClip));
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains("Wide Establishing Shot: &lt;script&gt;window.__pwned=1&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Keepers &lt;script&gt;window.__pwned=1&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<script>").Skip(1));
    }

    [Fact]
    public async Task Each_take_is_shown_with_the_request_that_made_it_and_a_changed_storyboard_is_noted()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = workspace.Task(gemini, workspace.Options() with { ThrottleLimit = 1 });
        await task.RunAsync(Select(workspace, ShotVideoMode.Resume, new ShotFilter("scenelet-1", 1)));
        var madeWith = Assert.Single(await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-1", 1, liveOnly: false, default)).Sent!;
        await Database.MigrationRunnerTests.ExecuteAsync(
            workspace.ConnectionString,
            $$"""
            update public.shots set storyboard_payload = jsonb_set(storyboard_payload, '{compositionAndContent}', to_jsonb('The lantern goes out.'::text))
            where story_id = '{{workspace.StoryId}}' and scenelet_id = 'scenelet-1' and shot_index = 1;
            """);
        var file = Path.Combine(workspace.PublicRoot, "review.html");

        // The clip was made before the change: the page shows what made it, and says a new take would differ.
        var before = ShotOf(await new ReviewPageBuilder(workspace.Database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default));
        var untouched = (await new ReviewPageBuilder(workspace.Database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default))
            .Scenelets[0].Shots.Single(shot => shot.ShotIndex == 2);
        await ReviewPageExport.WriteAsync(workspace.Database, workspace.PublicRoot, workspace.StoryId, file, default);
        var html = await File.ReadAllTextAsync(file);
        // A new take is made from the changed storyboard; the first clip becomes an earlier take made from another request.
        await task.RunAsync(Select(workspace, ShotVideoMode.Override, new ShotFilter("scenelet-1", 1)));
        var after = ShotOf(await new ReviewPageBuilder(workspace.Database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default));

        Assert.Equal((madeWith.Prompt, true, true), (before.PromptText, before.RequestRecorded, before.ChangedSinceSent));
        Assert.DoesNotContain("The lantern goes out.", before.PromptText, StringComparison.Ordinal);
        Assert.Equal((false, false), (untouched.RequestRecorded, untouched.ChangedSinceSent));
        Assert.Single(html.Split("data-changed").Skip(1));
        Assert.Contains("References a new take would send", html, StringComparison.Ordinal);
        Assert.Contains("The lantern goes out.", after.PromptText, StringComparison.Ordinal);
        Assert.Equal((true, false), (after.RequestRecorded, after.ChangedSinceSent));
        Assert.True(Assert.Single(after.EarlierTakes).OtherRequest);

        ReviewShot ShotOf(ReviewPage page) => page.Scenelets[0].Shots.Single(shot => shot.ShotIndex == 1);
    }

    [Fact]
    public async Task After_a_crash_in_the_middle_of_a_take_swap_each_clip_is_shown_with_the_attempt_that_made_it()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        using var gemini = workspace.Gemini();
        var task = workspace.Task(gemini, workspace.Options() with { ThrottleLimit = 1 });
        workspace.Veo.Script
            .EnqueuePlan(new FakeVeoOperationPlan { Clip = FakeVeoClip.Padded(40_000) })
            .EnqueuePlan(new FakeVeoOperationPlan { Clip = FakeVeoClip.Padded(50_000) });
        await task.RunAsync(Select(workspace, ShotVideoMode.Resume, new ShotFilter("scenelet-1", 1)));
        await task.RunAsync(Select(workspace, ShotVideoMode.Override, new ShotFilter("scenelet-1", 1)));
        var jobs = await workspace.Database.Jobs.ListJobsAsync(workspace.StoryId, "scenelet-1", 1, liveOnly: false, default);
        var (second, first) = (jobs[0], jobs[1]);
        // Set-ShotVideoTake's renames (the current clip to take 2, take 1 to current), then a crash before its record.
        var folder = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots", "scenelet-1");
        File.Move(Path.Combine(folder, "shot-1.mp4"), Path.Combine(folder, "takes", "shot-1-take-2.mp4"));
        File.Move(Path.Combine(folder, "takes", "shot-1-take-1.mp4"), Path.Combine(folder, "shot-1.mp4"));

        var shot = (await new ReviewPageBuilder(workspace.Database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default))
            .Scenelets[0].Shots.Single(shot => shot.ShotIndex == 1);

        Assert.Equal((40_000L, first.FinishedAt), (shot.CurrentClip!.Bytes, shot.CurrentClip.CreatedAt));
        var earlier = Assert.Single(shot.EarlierTakes);
        Assert.Equal((50_000L, second.FinishedAt, 3.20m), (earlier.Bytes, earlier.CreatedAt, earlier.CostUsd));
    }

    [Fact]
    public async Task The_page_reads_the_story_its_shots_and_the_ledger_once()
    {
        await using var workspace = await SampleStoryWorkspace.CreateAsync();
        var commands = new CommandLog();
        await using var database = StoryDatabase.Open(DatabaseSettings.Parse(workspace.ConnectionString), commands);

        var page = await new ReviewPageBuilder(database, workspace.PublicRoot).BuildAsync(workspace.StoryId, default);

        Assert.Equal(7, page.TotalShots);
        Assert.Equal(1, commands.Count("from public.stories where id"));
        Assert.Equal(1, commands.Count("from public.shots\nwhere shots.story_id"));
        Assert.Equal(1, commands.Count("from public.shot_video_jobs"));
    }

    /// <summary>
    /// scenelet-1 generated (shot 1 twice), scenelet-2 shot 1 filtered and shot 2 cut short on disk, scenelet-3 shot 1
    /// failed and shot 2's clip deleted.
    /// </summary>
    internal static async Task StageOutcomesAsync(SampleStoryWorkspace workspace)
    {
        using var gemini = workspace.Gemini();
        var task = workspace.Task(gemini, workspace.Options() with { ThrottleLimit = 1, ContinueAfterShotFailure = true });
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.SafetyFiltered });
        await task.RunAsync(Select(workspace, ShotVideoMode.Resume, new ShotFilter("scenelet-2", 1)));
        workspace.Veo.Script.EnqueuePlan(new FakeVeoOperationPlan { Outcome = FakeVeoOutcome.Error });
        await task.RunAsync(Select(workspace, ShotVideoMode.Resume, new ShotFilter("scenelet-3", 1)));
        var generated = await task.RunAsync(Select(
            workspace, ShotVideoMode.Resume, new ShotFilter("scenelet-1", null), new ShotFilter("scenelet-2", 2), new ShotFilter("scenelet-3", 2)));
        Assert.Equal(5, generated.Generated);
        Assert.Equal(1, (await task.RunAsync(Select(workspace, ShotVideoMode.Override, new ShotFilter("scenelet-1", 1)))).Generated);

        var shots = Path.Combine(workspace.PublicRoot, "generated", workspace.StoryId.ToString(), "shots");
        var cut = Path.Combine(shots, "scenelet-2", "shot-2.mp4");
        var bytes = await File.ReadAllBytesAsync(cut);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        File.Delete(Path.Combine(shots, "scenelet-3", "shot-2.mp4"));
    }

    private static RunSelection Select(SampleStoryWorkspace workspace, ShotVideoMode mode, params ShotFilter[] filters) =>
        new(workspace.StoryId) { Mode = mode, Filters = filters };
}
