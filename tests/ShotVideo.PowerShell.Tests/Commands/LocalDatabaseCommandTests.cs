using System.Management.Automation;
using ShotVideo.Database;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>
/// Get-/Stop-ShotVideoLocalDatabase and the promise that -WhatIf and tab completion never create the local database.
/// The local database's folder comes from the process environment (SHOTVIDEO_LOCAL_DATABASE_DIR), so these tests run
/// in the collection that runs alone; the folder is a fresh temporary one that does not exist.
/// </summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class LocalDatabaseCommandTests : IDisposable
{
    private static readonly string[] Variables = ["SHOTVIDEO_LOCAL_DATABASE_DIR", "SHOTVIDEO_DATABASE_URL"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private readonly string _parent = Directory.CreateTempSubdirectory("shotvideo-ps-local-").FullName;

    public LocalDatabaseCommandTests()
    {
        Environment.SetEnvironmentVariable("SHOTVIDEO_DATABASE_URL", null);
        Environment.SetEnvironmentVariable("SHOTVIDEO_LOCAL_DATABASE_DIR", Folder);
    }

    private string Folder => Path.Combine(_parent, "local");

    [Fact]
    public void Get_ShotVideoLocalDatabase_reports_a_missing_database_without_creating_it()
    {
        var status = Assert.Single(ScriptHarness.Run("Get-ShotVideoLocalDatabase").AssertNoErrors().OutputOf<LocalDatabaseStatus>());

        Assert.Equal(new LocalDatabaseStatus(Folder, Exists: false, Running: false, Port: null, DataSizeBytes: 0), status);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void Stop_ShotVideoLocalDatabase_with_nothing_running_changes_nothing_and_PassThru_shows_the_status()
    {
        var result = ScriptHarness.Run("Stop-ShotVideoLocalDatabase -PassThru -Confirm:$false; Stop-ShotVideoLocalDatabase").AssertNoErrors();

        var status = Assert.Single(result.OutputOf<LocalDatabaseStatus>());
        Assert.False(status.Running);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void WhatIf_with_no_local_database_says_there_is_nothing_to_plan_against_and_creates_nothing()
    {
        var result = ScriptHarness.Run(
            "Invoke-ShotVideo -StoryId 7b1d2c9e-4f3a-4e8b-9a61-2c5d8e0f1a37 -Stub -WhatIf; 'after'",
            new Dictionary<string, object?>());

        // It ends the command (every shot would hit it), not the script.
        var error = Assert.Single(result.Errors);
        Assert.Equal(["after"], result.OutputOf<string>());
        Assert.Equal("ShotVideoNoLocalDatabase,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(Folder, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.WhatIf);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void WhatIfPreference_counts_as_WhatIf()
    {
        var result = ScriptHarness.Run("$WhatIfPreference = $true; Get-ShotVideoPrompt -StoryId 7b1d2c9e-4f3a-4e8b-9a61-2c5d8e0f1a37");

        Assert.Equal("ShotVideoNoLocalDatabase,ShotVideo.PowerShell.Commands.GetShotVideoPromptCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void Pressing_Tab_never_creates_the_local_database()
    {
        var result = ScriptHarness.Run(
            """
            foreach ($line in 'Get-Shot -StoryId ', 'Get-Shot -StoryId 7b1d2c9e-4f3a-4e8b-9a61-2c5d8e0f1a37 -SceneletId ') {
                @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Where-Object ResultType -eq 'ParameterValue').Count
            }
            """).AssertNoErrors();

        Assert.Equal([0, 0], result.OutputOf<int>());
        Assert.False(Directory.Exists(Folder));
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(_parent, recursive: true);
    }
}
