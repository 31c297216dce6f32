# Module manifest of ShotVideo. This file is a template: the build (dotnet build src/ShotVideo.PowerShell) writes it to
# out/ShotVideo/ShotVideo.psd1 with ModuleVersion filled from VersionPrefix in Directory.Build.props, the one
# version source.
@{
    RootModule           = 'ShotVideo.PowerShell.dll'
    ModuleVersion        = '@VersionPrefix@'
    GUID                 = '85434d1b-3a54-4343-a930-53a5a2210d10'
    Author               = 'ShotVideo'
    CompanyName          = 'ShotVideo'
    Copyright            = '(c) ShotVideo contributors'
    Description          = 'Turns storyboard shots into video clips with Veo 3.1: shots from the story database, prompts, dry runs with -WhatIf, progress and coverage.'

    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'

    FormatsToProcess     = @('ShotVideo.Format.ps1xml')

    CmdletsToExport      = @(
        'Get-Shot'
        'Get-ShotCoverage'
        'Get-ShotVideoJob'
        'Get-ShotVideoPrompt'
        'Import-StoryFolder'
        'Invoke-ShotVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags = @('Video', 'Veo', 'Storyboard', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
        }
    }
}
