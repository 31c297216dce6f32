#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The installable module folder out/ShotVideo/ as pwsh sees it. Build first: dotnet build src/ShotVideo.PowerShell
# (or ./build.ps1). The xUnit suite tests/ShotVideo.PowerShell.Tests checks the same on machines without pwsh.

BeforeAll {
    $repositoryRoot = Split-Path $PSScriptRoot -Parent
    $manifestPath = Join-Path $repositoryRoot 'out' 'ShotVideo' 'ShotVideo.psd1'
    $intendedCommands = @('Export-ShotVideoReview', 'Get-Shot', 'Get-ShotCoverage', 'Get-ShotVideoJob', 'Get-ShotVideoLocalDatabase', 'Get-ShotVideoPrompt', 'Get-ShotVideoTake', 'Import-StoryFolder', 'Invoke-ShotVideo', 'Remove-ShotVideoTake', 'Set-ShotVideoTake', 'Stop-ShotVideoLocalDatabase', 'Test-ShotVideo')
    Import-Module $manifestPath -Force
}

AfterAll {
    Remove-Module ShotVideo -ErrorAction SilentlyContinue
}

Describe 'ShotVideo module' {
    It 'has a valid manifest with the version from Directory.Build.props' {
        $manifest = Test-ModuleManifest -Path $manifestPath
        [xml] $props = Get-Content (Join-Path $repositoryRoot 'Directory.Build.props') -Raw
        $manifest.Version | Should -Be ([version] $props.Project.PropertyGroup.VersionPrefix)
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version] '7.4')
        $manifest.RootModule | Should -Be 'ShotVideo.PowerShell.dll'
    }

    It 'has a clean manifest with the fields the Gallery reads' {
        Get-Content $manifestPath | Where-Object { $_.TrimStart().StartsWith('#') } | Should -BeNullOrEmpty
        $manifest = Test-ModuleManifest -Path $manifestPath
        $manifest.Description | Should -Match 'Veo'
        $manifest.Tags.Count | Should -BeGreaterThan 4
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'ships the about_ShotVideo topic' {
        $text = Get-Help about_ShotVideo | Out-String
        foreach ($topic in 'QUICK START', 'MODES', '-MaxCostUsd', 'SHOTVIDEO_STARTS_PER_MINUTE', 'Export-ShotVideoReview', 'Test-ShotVideo', 'Stop-ShotVideoLocalDatabase', 'ConvertTo-Json', '143') {
            $text | Should -Match ([regex]::Escape($topic))
        }
    }

    It 'exports exactly the intended cmdlets' {
        (Get-Command -Module ShotVideo).Name | Sort-Object | Should -Be $intendedCommands
    }

    It 'loads Core into its private load context' {
        # Any use of the database loads Core; the unreachable one ends the command, which is expected here.
        try { Get-Shot -StoryId ([guid]::NewGuid()) -Database 'Host=127.0.0.1;Port=1;Timeout=2' } catch { }
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ShotVideo.Core' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name | Should -Be 'ShotVideo'
    }
}

Describe 'Help for <_>' -ForEach @('Export-ShotVideoReview', 'Get-Shot', 'Get-ShotCoverage', 'Get-ShotVideoJob', 'Get-ShotVideoLocalDatabase', 'Get-ShotVideoPrompt', 'Get-ShotVideoTake', 'Import-StoryFolder', 'Invoke-ShotVideo', 'Remove-ShotVideoTake', 'Set-ShotVideoTake', 'Stop-ShotVideoLocalDatabase', 'Test-ShotVideo') {
    BeforeAll {
        $help = Get-Help -Name $_ -Full
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($_))
    }

    It 'has a description' {
        "$($help.description.Text)" | Should -Not -BeNullOrEmpty
    }

    It 'shows parameter types whole in SYNTAX' {
        ($help.syntax | Out-String) | Should -Not -Match '<\w+\]>'
    }

    It 'has examples that use the command' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.examples.example) {
            $example.code | Should -Match ([regex]::Escape($_))
        }
    }

    It 'describes every parameter' {
        $documented = @($help.parameters.parameter | Where-Object { $_.description } | ForEach-Object name)
        $declared = (Get-Command $_).Parameters.Keys | Where-Object {
            $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and
            $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }
        foreach ($parameter in $declared) {
            $documented | Should -Contain $parameter
        }
    }
}

Describe 'PowerShell files of the repository' {
    It '<_> parses without errors' -ForEach @(
        Get-ChildItem (Split-Path $PSScriptRoot -Parent) -Recurse -File -Include *.ps1, *.psd1, *.psm1 |
            Where-Object FullName -NotMatch '[\\/](bin|obj|out|\.git|node_modules)[\\/]' |
            ForEach-Object FullName
    ) {
        $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile($_, [ref] $null, [ref] $errors) | Out-Null
        $errors | Should -BeNullOrEmpty
    }
}
