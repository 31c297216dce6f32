using System.Management.Automation;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Tab completion as PowerShell runs it (TabExpansion2), against the database named on the command line.</summary>
public sealed class CompletionTests(SampleStoryDatabase sample) : IClassFixture<SampleStoryDatabase>
{
    [Theory]
    [InlineData("Get-Shot")]
    [InlineData("Get-ShotCoverage")]
    public void StoryId_completes_to_the_id_and_shows_the_display_name(string command)
    {
        var match = Assert.Single(Complete($"{command} -Database '{sample.ConnectionString}' -StoryId "));

        Assert.Equal(sample.StoryId.ToString(), match.CompletionText);
        // The list text starts with the id, so the common prefix PSReadLine inserts is the id, not the name's "The".
        Assert.Equal($"{sample.StoryId.ToString()[..8]} · {sample.StoryName}", match.ListItemText);
        Assert.Contains(sample.StoryName, match.ToolTip, StringComparison.Ordinal);
        Assert.Equal(CompletionResultType.ParameterValue, match.ResultType);
    }

    [Fact]
    public void StoryId_matches_a_word_of_the_display_name_or_the_start_of_the_id()
    {
        var byName = Complete($"Get-Shot -Database '{sample.ConnectionString}' -StoryId lantern");
        var byId = Complete($"Get-Shot -Database '{sample.ConnectionString}' -StoryId {sample.StoryId.ToString()[..6]}");
        var none = Complete($"Get-Shot -Database '{sample.ConnectionString}' -StoryId zzz-no-such-story")
            .Where(match => match.ResultType == CompletionResultType.ParameterValue);

        Assert.Equal(sample.StoryId.ToString(), Assert.Single(byName).CompletionText);
        Assert.Equal(sample.StoryId.ToString(), Assert.Single(byId).CompletionText);
        Assert.Empty(none);
    }

    [Fact]
    public void SceneletId_completes_the_story_s_scenelets_in_story_order()
    {
        var matches = Complete($"Get-Shot -Database '{sample.ConnectionString}' -StoryId {sample.StoryId} -SceneletId ");

        Assert.Equal(["scenelet-1", "scenelet-2", "scenelet-3"], matches.Select(match => match.CompletionText));
        Assert.Equal("Scenelet 1: 3 shot(s)", matches[0].ToolTip);
    }

    [Theory]
    [InlineData("Get-Shot")]
    [InlineData("Get-ShotVideoJob")]
    [InlineData("Get-ShotVideoPrompt")]
    [InlineData("Invoke-ShotVideo")]
    public void ShotIndex_completes_the_scenelet_s_shots_with_their_framing(string command)
    {
        var matches = Complete($"{command} -Database '{sample.ConnectionString}' -StoryId {sample.StoryId} -SceneletId scenelet-1 -ShotIndex ");

        Assert.Equal(["1", "2", "3"], matches.Select(match => match.CompletionText));
        Assert.Equal("Wide Establishing Shot", matches[0].ToolTip);
        Assert.Equal("1 · Wide Establishing Shot", matches[0].ListItemText);
        Assert.All(matches, match => Assert.Equal(CompletionResultType.ParameterValue, match.ResultType));
    }

    [Fact]
    public void ShotIndex_offers_nothing_without_a_story_and_a_scenelet()
    {
        var withoutScenelet = Complete($"Get-Shot -Database '{sample.ConnectionString}' -StoryId {sample.StoryId} -ShotIndex ");

        // Nothing of ours; and PowerShell's file name fallback is not offered for an int parameter with a completer.
        Assert.DoesNotContain(withoutScenelet, match => match.ResultType == CompletionResultType.ParameterValue);
    }

    [Fact]
    public void An_unreachable_database_offers_no_story_and_shows_no_error()
    {
        // PowerShell then falls back to its own (file name) completion, which is not ours to test.
        var matches = Complete("Get-Shot -Database 'Host=127.0.0.1;Port=1;Timeout=2' -StoryId ");

        Assert.DoesNotContain(matches, match => match.ResultType == CompletionResultType.ParameterValue);
    }

    private List<CompletionResult> Complete(string line) =>
        ScriptHarness.Run("(TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches", new Dictionary<string, object?> { ["Line"] = line })
            .AssertNoErrors().OutputOf<CompletionResult>().ToList();
}
