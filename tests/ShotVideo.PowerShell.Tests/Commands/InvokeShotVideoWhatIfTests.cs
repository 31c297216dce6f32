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

        Assert.Equal(VeoWorkspace.SampleShots, result.WhatIf.Count);
        foreach (var shot in before)
        {
            var line = Assert.Single(result.WhatIf, line => line.Contains($"scenelet {shot.SceneletId}, shot {shot.ShotIndex} ", StringComparison.Ordinal));
            Assert.Contains($" to {_workspace.ClipPath(shot.SceneletId, shot.ShotIndex)}, ~$3.20.", line, StringComparison.Ordinal);
            Assert.Contains("GeminiApi veo-3.1-generate-preview", line, StringComparison.Ordinal);
        }

        Assert.Contains(result.WhatIf, line => line.Contains("scenelet scenelet-1, shot 2 ", StringComparison.Ordinal)
            && line.Contains("(Character mira, Character tobin, Environment harbor-lighthouse)", StringComparison.Ordinal));
        Assert.DoesNotContain(_workspace.Veo.Options.ApiKey, string.Join('\n', result.HostOutput.Concat(result.HostError)), StringComparison.Ordinal);

        // The plan comes back as objects too.
        Assert.All(result.OutputOf<ShotVideoResult>(), shot => Assert.Equal(ShotVideoStatus.Planned, shot.Status));
        Assert.Equal(VeoWorkspace.SampleShots * 3.20m, Assert.Single(result.OutputOf<ShotVideoRunResult>()).EstimatedCostUsd);

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

        Assert.Equal(3, result.WhatIf.Count);
        Assert.Contains(result.WhatIf, line => line.Contains("scenelet scenelet-1, shot 1 ", StringComparison.Ordinal));
        Assert.Empty(_workspace.Veo.Requests.All);
        Assert.Equal("generated/old.mp4", (await _workspace.ShotsAsync()).Single(shot => shot is { SceneletId: "scenelet-1", ShotIndex: 1 }).VideoFilePath);
    }

    [Fact]
    public void WhatIf_warns_about_a_missing_reference_image_that_a_real_run_would_fail_on()
    {
        File.Delete(Path.Combine(_workspace.PublicRoot, "generated", _workspace.StoryId.ToString(), "visuals", "characters", "mira", "character-model-sheet-1.png"));

        var result = _workspace.Run(InvokeShotVideoTests.Veo + "Invoke-ShotVideo @veo -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 2 -WhatIf").AssertNoErrors();

        Assert.Contains(result.Warnings, warning => warning.Contains("'mira'", StringComparison.Ordinal));
        Assert.Single(result.WhatIf);
        Assert.Empty(_workspace.Veo.Requests.All);
    }
}
