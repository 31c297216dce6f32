@{
    RootModule           = 'ShotVideo.PowerShell.dll'
    ModuleVersion        = '@VersionPrefix@'
    GUID                 = '85434d1b-3a54-4343-a930-53a5a2210d10'
    Author               = 'ShotVideo'
    CompanyName          = 'ShotVideo'
    Copyright            = '(c) ShotVideo contributors'
    Description          = 'Turns storyboard shots into 8-second video clips with Google Veo 3.1 (Gemini API or Vertex AI): shots from the story database, prompts, dry runs with -WhatIf and estimated costs, a job ledger that never pays twice, progress, coverage and a local PostgreSQL database for trying it out.'

    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'

    FormatsToProcess     = @('ShotVideo.Format.ps1xml')
    TypesToProcess       = @('ShotVideo.Serialization.Types.ps1xml')

    CmdletsToExport      = @(
        'Export-ShotVideoReview'
        'Get-Shot'
        'Get-ShotCoverage'
        'Get-ShotVideoJob'
        'Get-ShotVideoLocalDatabase'
        'Get-ShotVideoPrompt'
        'Get-ShotVideoTake'
        'Import-StoryFolder'
        'Invoke-ShotVideo'
        'Remove-ShotVideoTake'
        'Set-ShotVideoTake'
        'Stop-ShotVideoLocalDatabase'
        'Test-ShotVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('Video', 'Veo', 'Storyboard', 'GoogleCloud', 'Gemini', 'PostgreSQL', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'Takes: Override keeps the earlier clip (Get-ShotVideoTake, Set-ShotVideoTake, Remove-ShotVideoTake); shots, results and takes carry FullPath for Invoke-Item. Views that stream and fit 80 columns; -StoryId, -SceneletId and -ShotIndex tab completion; Get-ShotVideoLocalDatabase and Stop-ShotVideoLocalDatabase; -WhatIf never creates the local database; the about_ShotVideo help topic.'
        }
    }
}
