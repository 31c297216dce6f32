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
    $publicRoot = $TestDrive
    $storyId = $loader::LoadAsync($storyDatabase, (Join-Path $repositoryRoot 'fixtures' 'stories' 'lantern-keepers'), $publicRoot, $none).GetAwaiter().GetResult().StoryId
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

    It 'reports an unknown scenelet as ShotVideoShotNotFound naming it, with the story as target' {
        Get-Shot -StoryId $storyId -SceneletId scenelet-9 -Database $database -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ShotVideoShotNotFound,ShotVideo.PowerShell.Commands.GetShotCommand'
        $failures[0].Exception.Message | Should -Match 'scenelet scenelet-9'
        $failures[0].TargetObject | Should -Be $storyId
    }

    It 'reports an unknown shot index the same way' {
        Get-Shot -StoryId $storyId -SceneletId scenelet-1 -ShotIndex 9 -Database $database -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ShotVideoShotNotFound,ShotVideo.PowerShell.Commands.GetShotCommand'
        $failures[0].Exception.Message | Should -Match 'shot 9 in scenelet scenelet-1'
    }

    It 'refuses shot index 0' {
        { Get-Shot -StoryId $storyId -ShotIndex 0 -Database $database } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ShotVideo.PowerShell.Commands.GetShotCommand'
    }

    It 'reads as the shot''s name and carries the story''s name' {
        $shot = Get-Shot -StoryId $storyId -SceneletId scenelet-2 -ShotIndex 1 -Database $database
        "$shot" | Should -Be "scenelet-2 shot 1 of story $storyId"
        $shot.StoryName | Should -Be 'The Lantern Keepers'
    }

    It 'shows a table grouped by story with paths below the shots folder, fitting 80 columns' {
        $text = Get-Shot -StoryId $storyId -SceneletId scenelet-1 -Database $database | Out-String -Width 80
        $text | Should -Match ([regex]::Escape("Story: The Lantern Keepers ($storyId)"))
        $text | Should -Match '(?m)^Seq SceneletId\s+Shot KeyFrame\s+Clip\s*$'
        $text | Should -Match '(?m)^\s*1 scenelet-1\s+1 scenelet-1/shot-1_key_frame\.png'
        $text -split "`n" | Where-Object Length -gt 80 | Should -BeNullOrEmpty
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
        $text = Get-ShotCoverage -StoryId $storyId -Database $database | Out-String -Width 80
        $text | Should -Match '(?m)^Id\s+Shots\s+KeyFrame\s+Video\s+Missing\s+Done\s+Story\s*$'
        # Other suites share the database and may have made clips: the counts of clips vary.
        $text | Should -Match "(?m)^$("$storyId".Substring(0, 8))\s+7\s+4\s+\d+\s+\d+\s+\d+\.\d%\s+The Lantern Keepers"
    }
}

Describe 'Tab completion' {
    It 'completes -StoryId with the story id and shows its name' {
        $line = "Get-Shot -Database '$database' -StoryId lantern"
        $match = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Select-Object -First 1
        $match.CompletionText | Should -Be "$storyId"
        # The id first, so PSReadLine's common prefix is the id, not "The".
        $match.ListItemText | Should -Be "$("$storyId".Substring(0, 8)) · The Lantern Keepers"
    }

    It 'completes -SceneletId with the story''s scenelets' {
        $line = "Get-Shot -Database '$database' -StoryId $storyId -SceneletId "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be @('scenelet-1', 'scenelet-2', 'scenelet-3')
    }

    It 'completes -ShotIndex with the scenelet''s shots and their framing, also for Invoke-ShotVideo' {
        foreach ($command in 'Get-Shot', 'Invoke-ShotVideo') {
            $line = "$command -Database '$database' -StoryId $storyId -SceneletId scenelet-1 -ShotIndex "
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.CompletionText | Should -Be @('1', '2', '3')
            $found[0].ToolTip | Should -Be 'Wide Establishing Shot'
        }
    }
}

Describe 'Plans in a CSV report' {
    It 'exports a plan''s references as their items joined with "; "' {
        $plan = Get-ShotVideoPrompt -StoryId $storyId -SceneletId scenelet-2 -ShotIndex 1 -Database $database -PublicRoot $publicRoot
        $row = $plan | ConvertTo-Csv | ConvertFrom-Csv
        $row.References | Should -Be (($plan.References | ForEach-Object { "$_" }) -join '; ')
        $row.References | Should -Not -Match 'ReadOnly'
        $plan.References[0].GetType().Name | Should -Be 'PlannedReference'
    }

    It 'writes enums as names in JSON without -EnumsAsStrings' {
        $plan = Get-ShotVideoPrompt -StoryId $storyId -SceneletId scenelet-2 -ShotIndex 1 -Database $database -PublicRoot $publicRoot
        $json = $plan | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Decision | Should -Be 'Generate'
        $json.References[0].Kind | Should -Be "$($plan.References[0].Kind)"
        $json.References[0].Kind | Should -Not -Match '^\d+$'
    }
}

Describe 'The local database' {
    BeforeAll {
        $savedUrl = $env:SHOTVIDEO_DATABASE_URL
        $savedDir = $env:SHOTVIDEO_LOCAL_DATABASE_DIR
        $env:SHOTVIDEO_DATABASE_URL = $null
        $env:SHOTVIDEO_LOCAL_DATABASE_DIR = Join-Path $TestDrive 'no-local-database'
    }

    AfterAll {
        $env:SHOTVIDEO_DATABASE_URL = $savedUrl
        $env:SHOTVIDEO_LOCAL_DATABASE_DIR = $savedDir
    }

    It 'Get-ShotVideoLocalDatabase reports a missing one without creating it' {
        $status = Get-ShotVideoLocalDatabase
        $status.Exists | Should -BeFalse
        $status.Running | Should -BeFalse
        $status.Folder | Should -Be $env:SHOTVIDEO_LOCAL_DATABASE_DIR
        Test-Path $env:SHOTVIDEO_LOCAL_DATABASE_DIR | Should -BeFalse
    }

    It 'Stop-ShotVideoLocalDatabase -PassThru with nothing running changes nothing' {
        (Stop-ShotVideoLocalDatabase -PassThru -Confirm:$false).Running | Should -BeFalse
        Test-Path $env:SHOTVIDEO_LOCAL_DATABASE_DIR | Should -BeFalse
    }

    It '-WhatIf says there is nothing to plan against and creates nothing' {
        { Invoke-ShotVideo -StoryId $storyId -Stub -WhatIf } | Should -Throw -ErrorId 'ShotVideoNoLocalDatabase,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand'
        Test-Path $env:SHOTVIDEO_LOCAL_DATABASE_DIR | Should -BeFalse
    }

    It 'Tab creates nothing' {
        $line = 'Get-Shot -StoryId '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
        Test-Path $env:SHOTVIDEO_LOCAL_DATABASE_DIR | Should -BeFalse
    }
}
