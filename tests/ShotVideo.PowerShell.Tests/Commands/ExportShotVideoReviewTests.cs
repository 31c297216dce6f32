using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Review;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Export-ShotVideoReview over the sample story: where the page goes, what it reports, -WhatIf and errors.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class ExportShotVideoReviewTests : IAsyncLifetime
{
    private const string Scope = "-Database $Database -PublicRoot $PublicRoot";

    private readonly VeoWorkspace _workspace = new();
    private readonly string _workdir = Directory.CreateTempSubdirectory("shotvideo-ps-review-").FullName;

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _workspace.DisposeAsync();
        Directory.Delete(_workdir, recursive: true);
    }

    [Fact]
    public void The_page_goes_beside_the_clips_and_PassThru_says_where_and_what_it_shows()
    {
        _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -Confirm:$false").AssertNoErrors();

        var result = _workspace.Run($"Get-ShotCoverage -Database $Database | Export-ShotVideoReview {Scope} -PassThru").AssertNoErrors();

        var export = Assert.Single(result.OutputOf<ReviewPageExport>());
        var page = Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "review.html");
        Assert.Equal((page, "The Lantern Keepers", 7, 3, 0, 9.60m), (export.Path, export.StoryName, export.TotalShots, export.ShotsWithClip, export.LostClips, export.TotalSpendUsd));
        var html = File.ReadAllText(page);
        Assert.Contains("<h1>The Lantern Keepers</h1>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"shots/scenelet-1/shot-1.mp4\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_PassThru_the_path_is_shown_not_output_and_a_relative_Path_is_taken_from_the_current_location()
    {
        var result = _workspace.Run($"Set-Location -LiteralPath $Workdir; Export-ShotVideoReview $StoryId ./page.html {Scope}", extra: ("Workdir", _workdir)).AssertNoErrors();

        Assert.Empty(result.Output);
        var page = Path.Combine(_workdir, "page.html");
        Assert.Contains(result.HostOutput, line => line.Contains(page, StringComparison.Ordinal));
        // Links climb from the page's folder to the public folder.
        var relative = Path.GetRelativePath(_workdir, _workspace.PublicRoot).Replace('\\', '/');
        Assert.Contains($"src=\"{relative}/generated/{_workspace.StoryId}/", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_names_the_file_and_writes_nothing()
    {
        var result = _workspace.Run($"Export-ShotVideoReview -StoryId $StoryId {Scope} -WhatIf").AssertNoErrors();

        var page = Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "review.html");
        Assert.Contains(result.WhatIf, line => line.Contains(page, StringComparison.Ordinal));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void An_unknown_story_is_an_error_for_that_story_only()
    {
        var unknown = Guid.NewGuid();

        var result = _workspace.Run($"$Unknown, $StoryId | ForEach-Object {{ [pscustomobject]@{{ StoryId = $_ }} }} | Export-ShotVideoReview {Scope} -PassThru", extra: ("Unknown", unknown));

        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.ExportShotVideoReviewCommand", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Equal(_workspace.StoryId, Assert.Single(result.OutputOf<ReviewPageExport>()).StoryId);
    }
}
