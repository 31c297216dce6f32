#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-ShotVideo, Get-ShotVideoPrompt, Get-ShotVideoJob and Import-StoryFolder against a real database. Give a migrated database
# in SHOTVIDEO_TEST_DATABASE_URL (the sample story is imported if missing, its scenelet-2 and
# scenelet-3 clips are regenerated with the stub); without it they fail at once,
# saying so (dotnet test runs them with one). Nothing here reaches Google: real
# runs use -Stub, and the Gemini API base URL points at a closed local port, so any call would fail the test.
# The xUnit suite tests/ShotVideo.PowerShell.Tests covers the same, and more, against the fake Veo service.

BeforeAll {
    $repositoryRoot = Split-Path $PSScriptRoot -Parent
    Import-Module (Join-Path $repositoryRoot 'out' 'ShotVideo' 'ShotVideo.psd1') -Force
    $sampleStory = Join-Path $repositoryRoot 'fixtures' 'stories' 'lantern-keepers'
    $database = $env:SHOTVIDEO_TEST_DATABASE_URL
    if (-not $database) {
        throw 'Set SHOTVIDEO_TEST_DATABASE_URL to a PostgreSQL database these tests may use (dotnet test gives them one).'
    }

    $publicRoot = Join-Path $TestDrive 'public'
    $savedEnvironment = @{}
    foreach ($name in 'SHOTVIDEO_GEMINI_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_CLOUD_PROJECT') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    $env:SHOTVIDEO_GEMINI_BASE_URL = 'http://127.0.0.1:9/v1beta/'
    $gemini = @{ Backend = 'GeminiApi'; ApiKey = (ConvertTo-SecureString 'not-a-real-key' -AsPlainText -Force) }
    $stub = @{ Stub = $true; Database = $database; PublicRoot = $publicRoot; Confirm = $false }
    $storyId = (Import-StoryFolder -Path $sampleStory -Database $database -PublicRoot $publicRoot).StoryId
}

AfterAll {
    foreach ($name in $savedEnvironment.Keys) {
        [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name])
    }
}

Describe 'Invoke-ShotVideo' {
    It 'generates, stores and records a clip per shot' {
        $shots = @(Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 -Mode Override @stub -InformationVariable summary)
        $shots.Count | Should -Be 2
        $shots.Status | Should -Be @('Generated', 'Generated')
        ($summary | Where-Object Tags -Contains 'ShotVideoSummary').MessageData.Generated | Should -Be 2
        foreach ($shot in Get-Shot -StoryId $storyId -SceneletId scenelet-3 -Database $database) {
            $shot.VideoFilePath | Should -Be "generated/$storyId/shots/scenelet-3/shot-$($shot.ShotIndex).mp4"
            Join-Path $publicRoot $shot.VideoFilePath | Should -Exist
        }
    }

    It 'refuses in Default mode when a targeted shot has a clip' {
        { Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 @stub } |
            Should -Throw -ErrorId 'ShotVideoClipsExist,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand'
    }

    It 'skips shots with clips in Resume mode' {
        $shots = @(Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 -Mode Resume @stub)
        $shots.Status | Should -Be @('Skipped', 'Skipped')
    }

    It 'plans with -WhatIf without calling, writing or recording anything' {
        $before = Get-Shot -StoryId $storyId -Database $database | ForEach-Object { "$($_.SceneletId)/$($_.ShotIndex)=$($_.VideoFilePath)" }
        $jobsBefore = @(Get-ShotVideoJob -StoryId $storyId -Database $database).Count

        $output = @(Invoke-ShotVideo -StoryId $storyId -Mode Override -Database $database -PublicRoot $publicRoot @gemini -WhatIf -ErrorAction Stop -InformationVariable summary)

        $output.Count | Should -Be 0
        "$($summary.MessageData)" | Should -BeLike 'What if: The Lantern Keepers: 7 to generate (~$22.40)*'
        (Get-ShotVideoPrompt -StoryId $storyId -SceneletId scenelet-1 -ShotIndex 1 -Database $database -PublicRoot $publicRoot).Decision | Should -Be 'Generate'

        Get-Shot -StoryId $storyId -Database $database | ForEach-Object { "$($_.SceneletId)/$($_.ShotIndex)=$($_.VideoFilePath)" } | Should -Be $before
        @(Get-ShotVideoJob -StoryId $storyId -Database $database).Count | Should -Be $jobsBefore
    }

    It 'honours $WhatIfPreference' {
        $jobsBefore = @(Get-ShotVideoJob -StoryId $storyId -Database $database).Count
        $WhatIfPreference = $true
        try {
            $output = @(Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-1 -Mode Override -Database $database -PublicRoot $publicRoot @gemini -ErrorAction Stop -InformationVariable summary)
        } finally {
            $WhatIfPreference = $false
        }

        $output.Count | Should -Be 0
        "$($summary.MessageData)" | Should -BeLike 'What if: The Lantern Keepers: 3 to generate*'
        @(Get-ShotVideoJob -StoryId $storyId -Database $database).Count | Should -Be $jobsBefore
    }

    It 'refuses the shots whose reference image is missing, with the shot as target' {
        Remove-Item (Join-Path $publicRoot 'generated' $storyId 'visuals' 'environments' 'glowmoth-grotto' 'keyframe_1.png')
        try {
            Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-2 -Mode Override @stub -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        } finally {
            Import-StoryFolder -Path $sampleStory -Database $database -PublicRoot $publicRoot | Out-Null
        }

        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'ShotVideoReferenceImageMissing,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject.SceneletId | Should -Be 'scenelet-2'
    }

    It 'ends with ShotVideoNoBackend when no backend is configured' {
        { Invoke-ShotVideo -StoryId $storyId -Database $database -PublicRoot $publicRoot -Confirm:$false } |
            Should -Throw -ErrorId 'ShotVideoNoBackend,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand'
    }

    It 'keeps -Stub and -Backend in different parameter sets' {
        { Invoke-ShotVideo -StoryId $storyId -Backend GeminiApi @stub } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,ShotVideo.PowerShell.Commands.InvokeShotVideoCommand'
    }

    It 'writes verbose lines for references and the stored path' {
        $verbose = Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 -ShotIndex 1 -Mode Override @stub -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain "scenelet-3 shot 1 of story ${storyId}: stored generated/$storyId/shots/scenelet-3/shot-1.mp4."
        ($verbose -match 'scenelet-3 shot 1 of story .*: reference ').Count | Should -BeGreaterThan 0
    }

    It 'shows results in a table and the -PassThru summary as a list' {
        $text = Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 -Mode Override @stub -PassThru | Out-String -Width 200
        $text | Should -Match 'SceneletId\s+Shot\s+Status\s+Clip\s+Elapsed\s+Cost\s+Reason'
        $text | Should -Match 'Generated\s+:\s+2'
    }
}

Describe 'Get-ShotVideoPrompt' {
    It 'previews one shot by ids with its references' {
        $preview = Get-ShotVideoPrompt -StoryId $storyId -SceneletId scenelet-1 -ShotIndex 2 -Database $database -PublicRoot $publicRoot
        $preview.PromptText | Should -BeLike '{"global_aesthetic":*'
        $preview.Decision | Should -Be 'Generate'
        ($preview.References | Where-Object Sent).SourceId | Should -Be @('mira', 'tobin', 'harbor-lighthouse')
        ($preview.References | Where-Object Sent).MimeType | Sort-Object -Unique | Should -Be 'image/png'
    }

    It 'previews shots from the pipeline' {
        @(Get-Shot -StoryId $storyId -SceneletId scenelet-2 -Database $database | Get-ShotVideoPrompt -Database $database -PublicRoot $publicRoot).Count |
            Should -Be 2
    }
}

Describe 'Get-ShotVideoJob' {
    It 'lists the attempts of earlier runs' {
        Invoke-ShotVideo -StoryId $storyId -SceneletId scenelet-3 -ShotIndex 2 -Mode Override @stub | Out-Null
        $jobs = @(Get-ShotVideoJob -StoryId $storyId -SceneletId scenelet-3 -ShotIndex 2 -Database $database)
        $jobs.Count | Should -BeGreaterThan 0
        $jobs[0].State | Should -Be 'Succeeded'
        $jobs[0].Backend | Should -Be 'Stub'
        $json = $jobs[0] | ConvertTo-Json | ConvertFrom-Json
        $json.State | Should -Be 'Succeeded'
        $json.Backend | Should -Be 'Stub'
        @(Get-ShotVideoJob -StoryId $storyId -Live -Database $database).Count | Should -Be 0
    }
}

Describe 'Import-StoryFolder' {
    It 'changes nothing with -WhatIf' {
        $elsewhere = Join-Path $TestDrive 'elsewhere'
        Import-StoryFolder -Path $sampleStory -Database $database -PublicRoot $elsewhere -WhatIf
        $elsewhere | Should -Not -Exist
    }

    It 'leaves a story that is already there as it is' {
        (Import-StoryFolder -Path $sampleStory -Database $database -PublicRoot $publicRoot).Created | Should -BeFalse
    }
}
