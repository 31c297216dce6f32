using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.Samples;
using ShotVideo.Testing.Postgres;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Import-StoryFolder into an empty database and a fresh public folder.</summary>
public sealed class ImportStoryFolderTests : IAsyncLifetime
{
    private static readonly string SampleStory = Path.Combine(BuildOutputs.RepositoryRoot, "fixtures", "stories", "lantern-keepers");
    private readonly string _publicRoot = Directory.CreateTempSubdirectory("shotvideo-ps-import-").FullName;
    private string _database = string.Empty;

    public async Task InitializeAsync() => _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_publicRoot, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void WhatIf_names_the_folder_and_imports_nothing()
    {
        var result = Run("Import-StoryFolder -Path $Folder -Database $Database -PublicRoot $PublicRoot -WhatIf; @(Get-ShotCoverage -Database $Database).Count").AssertNoErrors();

        var line = Assert.Single(result.WhatIf);
        Assert.Contains(SampleStory.TrimEnd('/'), line, StringComparison.Ordinal);
        Assert.Contains(_publicRoot, line, StringComparison.Ordinal);
        Assert.Empty(result.OutputOf<StoryFolderLoadResult>());
        Assert.Equal([0], result.OutputOf<int>());
        Assert.Empty(Directory.GetFileSystemEntries(_publicRoot));
    }

    [Fact]
    public void Imports_the_story_and_its_assets_once()
    {
        var result = Run(
            """
            Import-StoryFolder -Path $Folder -Database $Database -PublicRoot $PublicRoot
            Get-Item $Folder | Import-StoryFolder -Database $Database -PublicRoot $PublicRoot
            @(Get-Shot -StoryId (Get-ShotCoverage -Database $Database).StoryId -Database $Database).Count
            """).AssertNoErrors();

        var loads = result.OutputOf<StoryFolderLoadResult>();
        Assert.Equal([true, false], loads.Select(load => load.Created));
        Assert.Equal(loads[0].StoryId, loads[1].StoryId);
        Assert.Equal([7], result.OutputOf<int>());
        Assert.True(File.Exists(Path.Combine(_publicRoot, "generated", loads[0].StoryId.ToString(), "visuals", "characters", "mira", "character-model-sheet-1.png")));
    }

    [Fact]
    public void A_folder_that_is_not_a_story_is_a_non_terminating_error_and_the_next_folder_is_imported()
    {
        var notAStory = Directory.CreateDirectory(Path.Combine(_publicRoot, "not-a-story")).FullName;

        var result = Run("$NotAStory, $Folder | Import-StoryFolder -Database $Database -PublicRoot $PublicRoot", ("NotAStory", notAStory));

        Assert.True(Assert.Single(result.OutputOf<StoryFolderLoadResult>()).Created);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ShotVideoInvalidStoryFolder,ShotVideo.PowerShell.Commands.ImportStoryFolderCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(notAStory, error.TargetObject);
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_current_location_and_the_result_has_a_table_view()
    {
        var text = string.Join('\n', Run(
            "Set-Location $Root; Import-StoryFolder fixtures/stories/lantern-keepers -Database $Database -PublicRoot $PublicRoot | Out-String -Width 120",
            ("Root", BuildOutputs.RepositoryRoot)).AssertNoErrors().OutputOf<string>());

        Assert.Matches(@"StoryId\s+Created", text);
        Assert.Matches(@"[0-9a-f-]{36}\s+True", text);
    }

    private ScriptResult Run(string script, params (string Name, object? Value)[] extra)
    {
        var variables = new Dictionary<string, object?> { ["Database"] = _database, ["PublicRoot"] = _publicRoot, ["Folder"] = SampleStory };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return ScriptHarness.Run(script, variables);
    }
}
