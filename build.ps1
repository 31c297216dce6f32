#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ShotVideo module (for machines with pwsh).
.DESCRIPTION
    1. dotnet build lays out the installable module folder out/ShotVideo/ (manifest, cmdlet assembly, deps/, format
       file, en-US help) and the shotvideo host.
    2. dotnet test runs the xUnit suites (real PostgreSQL, the real PowerShell engine); then the Pester tests in
       tests/*.Tests.ps1 run against the same out/ShotVideo/ when Pester 5 is installed.
    3. The folder is packed as out/ShotVideo-<version>.zip: unzip it into a folder on $env:PSModulePath to install.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Configuration Debug -SkipTests
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $SkipTests
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out' 'ShotVideo'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)][string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE."
    }
}

Invoke-Dotnet build (Join-Path $root 'src' 'ShotVideo.Host') --configuration $Configuration

if (-not $SkipTests) {
    Invoke-Dotnet test (Join-Path $root 'ShotVideo.sln') --configuration $Configuration

    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0') {
        $pester = New-PesterConfiguration
        $pester.Run.Path = Join-Path $root 'tests'
        $pester.Run.Exit = $false
        $pester.Run.PassThru = $true
        $result = Invoke-Pester -Configuration $pester
        if ($result.FailedCount -gt 0) {
            throw "$($result.FailedCount) Pester test(s) failed."
        }
    }
    else {
        Write-Warning 'Pester 5 is not installed: skipped tests/*.Tests.ps1 (Install-Module Pester -MinimumVersion 5.0).'
    }
}

$version = (Import-PowerShellDataFile (Join-Path $moduleFolder 'ShotVideo.psd1')).ModuleVersion
$package = Join-Path $root 'out' "ShotVideo-$version.zip"
Compress-Archive -Path $moduleFolder -DestinationPath $package -Force
Write-Host "Module folder: $moduleFolder"
Write-Host "Package:       $package"
