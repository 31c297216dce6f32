using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

public sealed class GetShotCoverageTests(SampleStoryDatabase sample) : IClassFixture<SampleStoryDatabase>
{
    [Fact]
    public void Counts_the_sample_story()
    {
        var coverage = Assert.Single(Run("Get-ShotCoverage -Database $Database").AssertNoErrors().OutputOf<StoryCoverage>());

        Assert.Equal(new StoryCoverage(sample.StoryId, sample.StoryName, 7, 4, 1, 6), coverage);
        Assert.Equal(14.3, coverage.PercentDone);
    }

    [Fact]
    public void Story_ids_from_the_pipeline_are_counted_once()
    {
        var coverage = Run("Get-Shot -StoryId $StoryId -Database $Database | Get-ShotCoverage -Database $Database").AssertNoErrors().OutputOf<StoryCoverage>();

        Assert.Equal(sample.StoryId, Assert.Single(coverage).StoryId);
    }

    [Fact]
    public void An_unknown_story_id_is_reported_and_the_known_ones_still_counted()
    {
        var unknown = Guid.NewGuid();
        var result = ScriptHarness.Run(
            "Get-ShotCoverage -StoryId $StoryId, $Unknown -Database $Database",
            new Dictionary<string, object?>(sample.Variables) { ["Unknown"] = unknown });

        Assert.Equal(sample.StoryId, Assert.Single(result.OutputOf<StoryCoverage>()).StoryId);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.GetShotCoverageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject);
    }

    [Fact]
    public void The_default_view_is_a_readable_table()
    {
        var text = (string)Run("Get-ShotCoverage -Database $Database | Out-String -Width 160").AssertNoErrors().Output.Single().BaseObject;
        var lines = text.Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();

        // The id's first 8 characters (what -StoryId completes from), the counts, then the name.
        Assert.Matches(@"^Id\s+Shots\s+KeyFrame\s+Video\s+Missing\s+Done\s+Story$", lines[0]);
        Assert.Matches($@"^{sample.StoryId.ToString()[..8]}\s+7\s+4\s+1\s+6\s+14\.3%\s+{sample.StoryName}$", lines[2]);
    }

    private ScriptResult Run(string script) => ScriptHarness.Run(script, sample.Variables);
}
