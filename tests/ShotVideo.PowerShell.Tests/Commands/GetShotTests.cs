using System.Management.Automation;
using System.Text.RegularExpressions;
using ShotVideo.Database;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

public sealed class GetShotTests(SampleStoryDatabase sample) : IClassFixture<SampleStoryDatabase>
{
    [Fact]
    public void Lists_every_shot_of_the_story_in_story_order()
    {
        var shots = Run("Get-Shot -StoryId $StoryId -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal(7, shots.Count);
        Assert.Equal(sample.Shots.Select(Key), shots.Select(Key));
        Assert.Equal(shots.OrderBy(shot => shot.SceneletSequence).ThenBy(shot => shot.ShotIndex).Select(Key), shots.Select(Key));
    }

    [Fact]
    public void Narrows_to_a_scenelet_and_to_one_shot()
    {
        var scenelet = Run("Get-Shot $StoryId scenelet-2 -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();
        var shot = Run("Get-Shot -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 3 -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal([("scenelet-2", 1), ("scenelet-2", 2)], scenelet.Select(found => (found.SceneletId, found.ShotIndex)));
        Assert.Equal(("scenelet-1", 3), Key(Assert.Single(shot)));
    }

    [Fact]
    public void MissingVideo_leaves_out_the_shot_with_a_recorded_clip()
    {
        var shots = Run("Get-Shot -StoryId $StoryId -MissingVideo -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal(6, shots.Count);
        Assert.DoesNotContain((SampleStoryDatabase.SceneletWithClip, SampleStoryDatabase.ShotWithClip), shots.Select(Key));
        Assert.All(shots, shot => Assert.Null(shot.VideoFilePath));
    }

    [Fact]
    public void MissingImage_lists_only_shots_without_a_key_frame()
    {
        var shots = Run("Get-Shot -StoryId $StoryId -MissingImage -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal([("scenelet-1", 3), ("scenelet-2", 2), ("scenelet-3", 2)], shots.Select(Key));
    }

    [Fact]
    public void MissingVideo_and_MissingImage_cannot_be_combined()
    {
        var caught = Run("try { Get-Shot -StoryId $StoryId -MissingVideo -MissingImage -Database $Database } catch { $_ }").OutputOf<ErrorRecord>();

        Assert.Equal("AmbiguousParameterSet,ShotVideo.PowerShell.Commands.GetShotCommand", Assert.Single(caught).FullyQualifiedErrorId);
    }

    [Fact]
    public void Shots_bind_by_property_name_into_the_next_command()
    {
        // Each shot object's StoryId, SceneletId and ShotIndex bind to Get-Shot's parameters of the same names.
        var shots = Run("Get-Shot -StoryId $StoryId -MissingImage -Database $Database | Get-Shot -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal([("scenelet-1", 3), ("scenelet-2", 2), ("scenelet-3", 2)], shots.Select(Key));
    }

    [Fact]
    public void Coverage_objects_feed_Get_Shot_by_StoryId()
    {
        var shots = Run("Get-ShotCoverage -Database $Database | Get-Shot -SceneletId scenelet-3 -Database $Database").AssertNoErrors().OutputOf<ShotRecord>();

        Assert.Equal([("scenelet-3", 1), ("scenelet-3", 2)], shots.Select(Key));
    }

    [Fact]
    public void An_unknown_story_is_a_non_terminating_error_with_the_story_as_target()
    {
        var unknown = Guid.NewGuid();
        // try/catch sees only terminating errors: the script goes on.
        var result = Run("try { Get-Shot -StoryId $Unknown -Database $Database; 'after' } catch { 'caught' }", ("Unknown", unknown));

        Assert.Null(result.Terminating);
        Assert.Equal(["after"], result.OutputOf<string>());
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.GetShotCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Contains(unknown.ToString(), error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-SceneletId scenelet-9", "scenelet scenelet-9")]
    [InlineData("-SceneletId scenelet-1 -ShotIndex 9", "shot 9 in scenelet scenelet-1")]
    [InlineData("-ShotIndex 9", "shot 9 in any scenelet")]
    public void An_unknown_scenelet_or_shot_is_a_non_terminating_error_naming_what_is_missing(string filter, string missing)
    {
        var result = Run($"Get-Shot -StoryId $StoryId {filter} -Database $Database; 'after'");

        Assert.Null(result.Terminating);
        Assert.Equal(["after"], result.OutputOf<string>());
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoShotNotFound,ShotVideo.PowerShell.Commands.GetShotCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(sample.StoryId, error.TargetObject);
        Assert.Contains(missing, error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenelet_whose_shots_all_have_clips_is_not_an_error_for_MissingVideo()
    {
        // scenelet-1 exists; that none of its shots matches a filter is an answer, not a missing scenelet.
        var result = Run("Get-Shot -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 1 -MissingVideo -Database $Database").AssertNoErrors();

        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ShotIndex_starts_at_1(int index)
    {
        var result = Run($"try {{ Get-Shot -StoryId $StoryId -ShotIndex {index} -Database $Database }} catch {{ $_ }}");

        Assert.Equal("ParameterArgumentValidationError,ShotVideo.PowerShell.Commands.GetShotCommand", Assert.Single(result.OutputOf<ErrorRecord>()).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_shot_reads_as_its_name_and_carries_its_story_s_name()
    {
        var result = Run("$shot = Get-Shot -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database; \"$shot\"; $shot.StoryName").AssertNoErrors();

        Assert.Equal([$"scenelet-2 shot 1 of story {sample.StoryId}", sample.StoryName], result.OutputOf<string>());
    }

    [Fact]
    public void ErrorAction_Stop_makes_the_unknown_story_end_the_script()
    {
        var result = Run("Get-Shot -StoryId $Unknown -Database $Database -ErrorAction Stop; 'after'", ("Unknown", Guid.NewGuid()));

        Assert.Empty(result.Output);
        Assert.Equal("ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.GetShotCommand", result.Terminating?.FullyQualifiedErrorId);
    }

    [Fact]
    public void An_unreachable_database_ends_the_command_and_never_shows_the_password()
    {
        const string password = "sekrit-Pa55word";
        var result = Run("try { Get-Shot -StoryId $StoryId -Database $Unreachable; 'after' } catch { $_ }", ("Unreachable", $"Host=127.0.0.1;Port=1;Username=shots;Password={password};Timeout=3"));

        var terminating = Assert.Single(result.OutputOf<ErrorRecord>());
        Assert.Empty(result.OutputOf<string>());
        Assert.Equal("ShotVideoDatabaseUnreachable,ShotVideo.PowerShell.Commands.GetShotCommand", terminating.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, terminating.CategoryInfo.Category);
        Assert.DoesNotContain(password, terminating.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, string.Join('\n', result.HostError.Concat(result.HostOutput)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_downstream_Select_Object_First_stops_it_cleanly()
    {
        var result = Run("Get-Shot -StoryId $StoryId -Database $Database | Select-Object -First 2").AssertNoErrors();

        Assert.Equal([("scenelet-1", 1), ("scenelet-1", 2)], result.OutputOf<ShotRecord>().Select(Key));
    }

    [Fact]
    public void The_default_view_is_a_table_of_scenelets_shots_and_paths()
    {
        var lines = Run("Get-Shot -StoryId $StoryId -SceneletId scenelet-1 -Database $Database | Out-String -Width 200").AssertNoErrors()
            .Output.Select(item => (string)item.BaseObject).Single().Split('\n').Select(line => line.TrimEnd()).ToList();

        Assert.Contains(lines, line => line.Contains($"Story: {sample.StoryName} ({sample.StoryId})", StringComparison.Ordinal));
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^\s*Seq\s+SceneletId\s+Shot\s+KeyFrame\s+Clip$"));
        // Key frames are shown below the story's shots/ folder; the recorded clip is not under it and shows whole.
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^\s*1 scenelet-1\s+1 scenelet-1/shot-1_key_frame\.png\s"));
        Assert.Contains(lines, line => line.Contains("scenelet-1", StringComparison.Ordinal) && line.EndsWith(SampleStoryDatabase.RecordedClip, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("StoryboardPayloadJson", StringComparison.Ordinal));
    }

    private ScriptResult Run(string script, params (string Name, object? Value)[] extra)
    {
        var variables = sample.Variables.ToDictionary();
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return ScriptHarness.Run(script, variables);
    }

    private static (string SceneletId, int ShotIndex) Key(ShotRecord shot) => (shot.SceneletId, shot.ShotIndex);
}
