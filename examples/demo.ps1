# The ShotVideo tour on the sample story, with no cloud account: the local database, the stub backend (a free
# placeholder clip) and the public/ folder of this repository. Run it twice: the second run has nothing left to do.
#   dotnet run --project src/ShotVideo.Host -- -File examples/demo.ps1
param(
    [string] $PublicRoot = "$PSScriptRoot/../public"
)

$ErrorActionPreference = 'Stop'

$story = Import-StoryFolder -Path "$PSScriptRoot/../fixtures/stories/lantern-keepers" -PublicRoot $PublicRoot
# Each command's output goes to Out-Host on its own: in one script's output stream PowerShell would show every object
# after the first table in that table's shape (or as a list of all its properties).
"Coverage before:"
Get-ShotCoverage -StoryId $story.StoryId | Out-Host

$missing = @(Get-Shot -StoryId $story.StoryId -MissingVideo)
"$($missing.Count) shot(s) need a clip."
# -Confirm:$false: Invoke-ShotVideo spends money (ConfirmImpact High), so it asks per shot unless told not to.
$missing | Invoke-ShotVideo -Stub -PublicRoot $PublicRoot -Confirm:$false | Out-Host

"Coverage after:"
Get-ShotCoverage -StoryId $story.StoryId | Out-Host
