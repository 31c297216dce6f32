# The ShotVideo tour on the sample story, with no cloud account: the local database, the stub backend (a free
# placeholder clip) and the public/ folder of this repository. Run it twice: the second run has nothing left to do.
# It ends by writing the story's review page and printing where it is.
#   dotnet run --project src/ShotVideo.Host -- -File examples/demo.ps1
param(
    [string] $PublicRoot = "$PSScriptRoot/../public"
)

$ErrorActionPreference = 'Stop'

$story = Import-StoryFolder -Path "$PSScriptRoot/../fixtures/stories/lantern-keepers" -PublicRoot $PublicRoot
# Each command's output goes to Out-Host on its own: in one script's output stream PowerShell would show every object
# after the first table in that table's shape (or as a list of all its properties).
# -Verify: the database outlives public/ (a fresh clone, a deleted folder), so coverage counts only clips on disk.
"Coverage before:"
Get-ShotCoverage -StoryId $story.StoryId -Verify -PublicRoot $PublicRoot | Out-Host

$missing = @(Get-Shot -StoryId $story.StoryId -MissingVideo -Verify -PublicRoot $PublicRoot)
"$($missing.Count) shot(s) need a clip."
# -Confirm:$false: Invoke-ShotVideo spends money (ConfirmImpact High), so it asks per shot unless told not to.
# -Mode Resume -Repair: a shot whose recorded clip is gone from disk is made again too.
$missing | Invoke-ShotVideo -Stub -Mode Resume -Repair -PublicRoot $PublicRoot -Confirm:$false | Out-Host

"Coverage after:"
Get-ShotCoverage -StoryId $story.StoryId -Verify -PublicRoot $PublicRoot | Out-Host

# Every shot's clip beside its storyboard, and a player for each scenelet and the whole story: open it in a browser.
$review = Export-ShotVideoReview -StoryId $story.StoryId -PublicRoot $PublicRoot -PassThru
"Review page: $($review.Path)"
