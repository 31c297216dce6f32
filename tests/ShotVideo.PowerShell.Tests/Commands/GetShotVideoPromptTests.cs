using System.Management.Automation;
using ShotVideo.Planning;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.References;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Get-ShotVideoPrompt: what would be sent, from the pipeline or by ids, without calling the model.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class GetShotVideoPromptTests : IAsyncLifetime
{
    private const string Common = "-Database $Database -PublicRoot $PublicRoot";
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public void By_ids_it_shows_the_exact_text_its_size_and_the_references_found_with_type_and_size()
    {
        var result = _workspace.Run($"Get-ShotVideoPrompt -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 2 {Common}").AssertNoErrors();

        var preview = Assert.Single(result.OutputOf<ShotPlan>());
        Assert.Equal((new ShotKey(_workspace.StoryId, "scenelet-1", 2), ShotDecision.Generate), (preview.Key, preview.Decision));
        Assert.StartsWith("{\"global_aesthetic\":", preview.PromptText, StringComparison.Ordinal);
        Assert.Contains("\n", preview.Prompt, StringComparison.Ordinal);
        Assert.InRange(preview.EstimatedTokens!.Value, 100, 1024);
        Assert.False(preview.LikelyOverLimit);
        Assert.Equal(
            [(ReferenceImageKind.Character, "mira", true), (ReferenceImageKind.Character, "tobin", true), (ReferenceImageKind.Environment, "harbor-lighthouse", true), (ReferenceImageKind.KeyFrame, "scenelet-1#2", false)],
            preview.References.Select(reference => (reference.Kind, reference.SourceId, reference.Sent)));
        Assert.All(preview.References.Where(reference => reference.Sent), reference =>
        {
            Assert.Equal("image/png", reference.MimeType);
            Assert.Equal(new FileInfo(Path.Combine(_workspace.PublicRoot, "generated", reference.Path)).Length, reference.Bytes);
        });
        Assert.Empty(preview.Warnings);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void Shots_from_the_pipeline_are_previewed_one_each()
    {
        var result = _workspace.Run($"Get-Shot -StoryId $StoryId -SceneletId scenelet-2 -Database $Database | Get-ShotVideoPrompt {Common}").AssertNoErrors();

        Assert.Equal([("scenelet-2", 1), ("scenelet-2", 2)], result.OutputOf<ShotPlan>().Select(preview => (preview.SceneletId, preview.ShotIndex)));
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void NoKeyFrame_leaves_the_key_frame_out()
    {
        var with = _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-1 1 {Common}").AssertNoErrors().OutputOf<ShotPlan>();
        var without = _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-1 1 {Common} -NoKeyFrame").AssertNoErrors().OutputOf<ShotPlan>();

        Assert.Contains(Assert.Single(with).References, reference => reference.Kind == ReferenceImageKind.KeyFrame);
        Assert.DoesNotContain(Assert.Single(without).References, reference => reference.Kind == ReferenceImageKind.KeyFrame);
    }

    [Fact]
    public void A_missing_reference_file_refuses_the_shot_and_says_which_file()
    {
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "characters", "tobin", "character-model-sheet-1.png"));

        var result = _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-1 2 {Common}");

        var plan = Assert.Single(result.OutputOf<ShotPlan>());
        Assert.Equal((ShotDecision.Refused, "ShotVideoReferenceImageMissing"), (plan.Decision, plan.Refusal!.ErrorId));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoReferenceImageMissing,ShotVideo.PowerShell.Commands.GetShotVideoPromptCommand", error.FullyQualifiedErrorId);
        Assert.Equal(plan.Key, error.TargetObject);
        Assert.Contains("'tobin'", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_missing_references_allowed_a_missing_file_is_listed_as_not_sent_with_a_warning()
    {
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "characters", "tobin", "character-model-sheet-1.png"));

        var result = _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-1 2 {Common} -AllowMissingReferences").AssertNoErrors();

        var tobin = Assert.Single(Assert.Single(result.OutputOf<ShotPlan>()).References, reference => reference.SourceId == "tobin");
        Assert.Equal((false, (string?)null, (long?)null), (tobin.Sent, tobin.MimeType, tobin.Bytes));
        Assert.Contains(result.Warnings, warning => warning.Contains("'tobin'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shot_that_does_not_exist_is_a_non_terminating_ShotVideoShotNotFound()
    {
        var result = _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-9 1 {Common}; 'after'");

        Assert.Equal(["after"], result.OutputOf<string>());
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoShotNotFound,ShotVideo.PowerShell.Commands.GetShotVideoPromptCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void An_unknown_story_piped_in_is_a_non_terminating_error_and_the_other_records_are_previewed()
    {
        var unknown = Guid.NewGuid();
        var result = _workspace.Run(
            $"[pscustomobject]@{{ StoryId = $Unknown; SceneletId = 'scenelet-1'; ShotIndex = 1 }}, [pscustomobject]@{{ StoryId = $StoryId; SceneletId = 'scenelet-1'; ShotIndex = 1 }} | Get-ShotVideoPrompt {Common}",
            extra: ("Unknown", unknown));

        var preview = Assert.Single(result.OutputOf<ShotPlan>());
        Assert.Equal(new ShotKey(_workspace.StoryId, "scenelet-1", 1), preview.Key);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.GetShotVideoPromptCommand", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);
    }

    [Fact]
    public void The_default_view_summarises_references_and_leaves_out_the_prompt_text()
    {
        var text = string.Join('\n', _workspace.Run($"Get-ShotVideoPrompt $StoryId scenelet-1 2 {Common} | Out-String -Width 200").AssertNoErrors().OutputOf<string>());

        Assert.Matches(@"EstimatedTokens\s+: \d+", text);
        Assert.Matches(@"LikelyOverLimit\s+: False", text);
        Assert.Matches(@"References\s+: Character mira \(image/png, \d+ bytes\)", text);
        Assert.Matches(@"\n\s+Environment harbor-lighthouse \(image/png, \d+ bytes\)", text);
        Assert.Matches(@"\n\s+KeyFrame scenelet-1#2: not sent, Veo takes at most 3", text);
        Assert.DoesNotContain("global_aesthetic", text, StringComparison.Ordinal);
    }

    [Fact]
    public void References_have_a_table_view()
    {
        var text = string.Join('\n', _workspace.Run($"(Get-ShotVideoPrompt $StoryId scenelet-1 2 {Common}).References | Out-String -Width 200").AssertNoErrors().OutputOf<string>());

        Assert.Matches(@"Kind\s+SourceId\s+Sent\s+MimeType\s+Bytes\s+Path or why not sent", text);
        // Paths below the story's folder: the story id they start with is the plan's.
        Assert.Matches(@"Character\s+mira\s+True\s+image/png\s+\d+\s+visuals/characters/mira/", text);
        Assert.DoesNotContain(_workspace.StoryId.ToString(), text, StringComparison.Ordinal);
    }
}
