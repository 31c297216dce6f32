#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-Shot, Get-ShotCoverage and completion against a real database with the sample story loaded. Give an empty
# database in SHOTVIDEO_TEST_DATABASE_URL (migrations are applied, nothing is dropped); without it they fail at once,
# saying so (dotnet test runs them with one).
# The xUnit suite tests/ShotVideo.PowerShell.Tests covers the same against its own private PostgreSQL server.

BeforeAll {
    $repositoryRoot = Split-Path $PSScriptRoot -Parent
    Import-Module (Join-Path $repositoryRoot 'out' 'ShotVideo' 'ShotVideo.psd1') -Force
    $database = $env:SHOTVIDEO_TEST_DATABASE_URL
    if (-not $database) {
        throw 'Set SHOTVIDEO_TEST_DATABASE_URL to a PostgreSQL database these tests may use (dotnet test gives them one).'
    }

    # Core lives in the module's private load context; asking the default context for it goes through the module's
    # resolver, which hands out that copy.
    $core = [System.Reflection.Assembly]::Load('ShotVideo.Core')
    $none = [Threading.CancellationToken]::None
    $storyDatabase = $core.GetType('ShotVideo.Database.StoryDatabase')::OpenAsync($database, $null, $none).GetAwaiter().GetResult()
    $storyDatabase.MigrateAsync($none).GetAwaiter().GetResult() | Out-Null
    $loader = $core.GetType('ShotVideo.Samples.StoryFolderLoader')
    # A full path for the assets: $null would reach the loader as "" (PowerShell's string conversion).
    $storyId = $loader::LoadAsync($storyDatabase, (Join-Path $repositoryRoot 'fixtures' 'stories' 'lantern-keepers'), $TestDrive, $none).GetAwaiter().GetResult().StoryId
    $storyDatabase.DisposeAsync().AsTask().GetAwaiter().GetResult()
}

Describe 'Get-Shot' {
    It 'lists the sample story''s seven shots in story order' {
        $shots = Get-Shot -StoryId $storyId -Database $database
        $shots.Count | Should -Be 7
        ($shots | ForEach-Object { '{0}/{1}' -f $_.SceneletId, $_.ShotIndex }) |
            Should -Be @('scenelet-1/1', 'scenelet-1/2', 'scenelet-1/3', 'scenelet-2/1', 'scenelet-2/2', 'scenelet-3/1', 'scenelet-3/2')
    }

    It 'lists the shots without a key frame' {
        (Get-Shot -StoryId $storyId -MissingImage -Database $database).Count | Should -Be 3
    }

    It 'binds shots by property name into the next command' {
        (Get-Shot -StoryId $storyId -MissingImage -Database $database | Get-Shot -Database $database).Count | Should -Be 3
    }

    It 'reports an unknown story as ShotVideoStoryNotFound with the story as target' {
        $unknown = [guid]::NewGuid()
        Get-Shot -StoryId $unknown -Database $database -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ShotVideoStoryNotFound,ShotVideo.PowerShell.Commands.GetShotCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $unknown
    }

    It 'ends the command when the database is unreachable' {
        { Get-Shot -StoryId $storyId -Database 'Host=127.0.0.1;Port=1;Timeout=2' } |
            Should -Throw -ErrorId 'ShotVideoDatabaseUnreachable,ShotVideo.PowerShell.Commands.GetShotCommand'
    }
}

Describe 'Get-ShotCoverage' {
    It 'counts the sample story' {
        $coverage = Get-ShotCoverage -StoryId $storyId -Database $database
        $coverage.TotalShots | Should -Be 7
        $coverage.ShotsWithKeyFrame | Should -Be 4
    }

    It 'shows a table' {
        (Get-ShotCoverage -StoryId $storyId -Database $database | Out-String) | Should -Match 'Story\s+Shots\s+KeyFrame\s+Video\s+Missing\s+Done'
    }
}

Describe 'Tab completion' {
    It 'completes -StoryId with the story id and shows its name' {
        $line = "Get-Shot -Database '$database' -StoryId lantern"
        $match = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Select-Object -First 1
        $match.CompletionText | Should -Be "$storyId"
        $match.ListItemText | Should -Be 'The Lantern Keepers'
    }

    It 'completes -SceneletId with the story''s scenelets' {
        $line = "Get-Shot -Database '$database' -StoryId $storyId -SceneletId "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be @('scenelet-1', 'scenelet-2', 'scenelet-3')
    }
}
