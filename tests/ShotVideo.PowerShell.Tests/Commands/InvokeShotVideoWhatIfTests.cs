using ShotVideo.Generation;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Commands;

/// <summary>Invoke-ShotVideo's dry run: -WhatIf and $WhatIfPreference call nothing, write nothing and name every shot.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class InvokeShotVideoWhatIfTests : IAsyncLifetime
{
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Theory]
    [InlineData("Get-Shot -StoryId $StoryId -MissingVideo -Database $Database | Invoke-ShotVideo @veo -WhatIf")]
    [InlineData("$WhatIfPreference = $true; Get-Shot -StoryId $StoryId -MissingVideo -Database $Database | Invoke-ShotVideo @veo")]
    [InlineData("function Preview { [CmdletBinding(SupportsShouldProcess)] param() Invoke-ShotVideo @veo -StoryId $StoryId }; Preview -WhatIf")]
    public async Task WhatIf_names_every_shot_its_references_path_and_cost_and_changes_nothing(string script)
    {
        var before = await _workspace.ShotsAsync();

        var result = _workspace.Run(InvokeShotVideoTests.Veo + script).AssertNoErrors();

        // A line per shot, then the plan's summary.
        Assert.Equal(VeoWorkspace.SampleShots + 1, result.WhatIf.Count);
        Assert.Equal("What if: The Lantern Keepers: 7 to generate (~$22.40), 0 to resume ($0.00), 0 skipped, 0 claimed by other runs, 0 refused.", result.WhatIf[^1]);
        foreach (var shot in before)
        {
            var line = Assert.Single(result.WhatIf, line => line.Contains($"Generate {shot.Key} with", StringComparison.Ordinal));
            Assert.Contains($" to {_workspace.ClipPath(shot.SceneletId, shot.ShotIndex)}, ~$3.20.", line, StringComparison.Ordinal);
            Assert.Contains("GeminiApi veo-3.1-generate-preview", line, StringComparison.Ordinal);
        }

        Assert.Contains(result.WhatIf, line => line.Contains("Generate scenelet-1 shot 2 of story", StringComparison.Ordinal)
            && line.Contains("(Character mira, Character tobin, Environment harbor-lighthouse; 1 not sent)", StringComparison.Ordinal));
        Assert.DoesNotContain(_workspace.Veo.Options.ApiKey, string.Join('\n', result.HostOutput.Concat(result.HostError)), StringComparison.Ordinal);

        Assert.Empty(result.Output);

        // Nothing called, written or recorded.
        Assert.Empty(_workspace.Veo.Requests.All);
        Assert.Empty(_workspace.ShotFiles());
        Assert.Equal(before, await _workspace.ShotsAsync());
        Assert.Empty(await _workspace.JobsAsync());
    }

    [Fact]
    public async Task WhatIf_in_Override_mode_plans_shots_that_have_clips_and_leaves_them_alone()
    {
        await _workspace.RecordClipAsync("scenelet-1", 1, "generated/old.mp4");

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -Mode Override -WhatIf").AssertNoErrors();

        Assert.Equal(3 + 1, result.WhatIf.Count);
        Assert.Contains(result.WhatIf, line => line.Contains("Generate scenelet-1 shot 1 of story", StringComparison.Ordinal));
        Assert.Empty(_workspace.Veo.Requests.All);
        Assert.Equal("generated/old.mp4", (await _workspace.ShotsAsync()).Single(shot => shot is { SceneletId: "scenelet-1", ShotIndex: 1 }).VideoFilePath);
    }

    [Fact]
    public void WhatIf_shows_a_shot_the_run_would_refuse_as_a_warning_naming_the_missing_image()
    {
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "characters", "mira", "character-model-sheet-1.png"));

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 2 -WhatIf").AssertNoErrors();

        Assert.Contains(result.Warnings, warning => warning.StartsWith("Would refuse scenelet-1 shot 2", StringComparison.Ordinal) && warning.Contains("'mira'", StringComparison.Ordinal));
        Assert.EndsWith("0 to generate (~$0.00), 0 to resume ($0.00), 0 skipped, 0 claimed by other runs, 1 refused.", Assert.Single(result.WhatIf), StringComparison.Ordinal);
        Assert.Empty(_workspace.Veo.Requests.All);
    }

    [Fact]
    public void WhatIf_with_a_budget_says_what_would_be_spent_and_which_shots_would_not_start()
    {
        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -MaxCostUsd 10 -WhatIf").AssertNoErrors();

        Assert.Equal(3 + 1, result.WhatIf.Count);
        Assert.EndsWith("Budget $10.00: ~$9.60 of it would be spent.", result.WhatIf[^1], StringComparison.Ordinal);
        Assert.Equal(VeoWorkspace.SampleShots - 3, result.Warnings.Count(warning => warning.StartsWith("Would not start", StringComparison.Ordinal)));
        Assert.Empty(_workspace.Veo.Requests.All);
    }
}
