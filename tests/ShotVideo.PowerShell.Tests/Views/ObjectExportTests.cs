using System.Management.Automation;
using System.Text.Json;
using ShotVideo.Generation;
using ShotVideo.Ledger;
using ShotVideo.Planning;
using ShotVideo.PowerShell.Tests.Support;
using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.PowerShell.Tests.Views;

/// <summary>ShotVideo's objects outside the console: in CSV reports (lists as their items), in JSON (enums as names), as text, and the help topic.</summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class ObjectExportTests : IAsyncLifetime
{
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Fact]
    public void A_plan_s_lists_export_to_CSV_as_their_items_and_stay_lists_in_scripts()
    {
        var result = _workspace.Run(
            """
            $plan = Get-ShotVideoPrompt -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot
            $row = $plan | ConvertTo-Csv | ConvertFrom-Csv
            $row.References
            $row.Warnings
            $plan.References.Count
            $plan.References[0]
            @($plan.References | ForEach-Object { "$_" }) -join '; '
            """).AssertNoErrors();

        var texts = result.OutputOf<string>();
        var references = result.OutputOf<PlannedReference>();
        Assert.Single(references);
        Assert.Equal(texts[2], texts[0]);
        Assert.Contains("; ", texts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("ReadOnly", texts[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, texts[1]);
        Assert.Equal(texts[0].Split("; ").Length, Assert.Single(result.OutputOf<int>()));
    }

    [Fact]
    public void A_result_s_warnings_export_to_CSV_as_text()
    {
        var rows = _workspace.Run(
            "Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | ConvertTo-Csv | ConvertFrom-Csv")
            .AssertNoErrors().Output;

        var row = Assert.Single(rows);
        Assert.Equal("Generated", row.Properties["Status"].Value);
        Assert.DoesNotContain("System.", (string)row.Properties["Warnings"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_keeps_the_prompt_and_references_its_start_request_sent_and_exports_them_to_CSV()
    {
        var result = _workspace.Run(
            """
            $plan = Get-ShotVideoPrompt -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot
            Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | Out-Null
            $job = Get-ShotVideoJob -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database
            $job.PromptText -eq $plan.PromptText
            $job.References.Count -eq $plan.References.Count
            ($job | ConvertTo-Csv | ConvertFrom-Csv).References
            ($plan | ConvertTo-Csv | ConvertFrom-Csv).References
            """).AssertNoErrors();

        Assert.Equal([true, true], result.OutputOf<bool>());
        var texts = result.OutputOf<string>();
        Assert.Equal(texts[1], texts[0]);
        Assert.Contains("; ", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Results_plans_and_jobs_write_their_enums_as_names_in_JSON_without_EnumsAsStrings()
    {
        var texts = _workspace.Run(
            """
            Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | ConvertTo-Json -Compress
            Get-ShotVideoPrompt -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 2 -Database $Database -PublicRoot $PublicRoot | ConvertTo-Json -Compress -Depth 3
            Get-ShotVideoJob -StoryId $StoryId -Database $Database | ConvertTo-Json -Compress -AsArray
            """).AssertNoErrors().OutputOf<string>();

        Assert.Equal(3, texts.Count);
        using var result = JsonDocument.Parse(texts[0]);
        using var plan = JsonDocument.Parse(texts[1]);
        using var jobs = JsonDocument.Parse(texts[2]);
        Assert.Equal(nameof(ShotVideoStatus.Generated), result.RootElement.GetProperty("Status").GetString());
        Assert.Equal(nameof(ShotDecision.Generate), plan.RootElement.GetProperty("Decision").GetString());
        var reference = plan.RootElement.GetProperty("References")[0].GetProperty("Kind");
        Assert.True(Enum.TryParse<ReferenceImageKind>(reference.GetString(), out _), reference.ToString());
        var job = Assert.Single(jobs.RootElement.EnumerateArray());
        Assert.Equal(nameof(ShotVideoJobState.Succeeded), job.GetProperty("State").GetString());
        Assert.Equal(nameof(VideoBackend.Stub), job.GetProperty("Backend").GetString());
    }

    [Fact]
    public void The_about_ShotVideo_topic_ships_with_the_module()
    {
        var text = string.Join('\n', _workspace.Run("Get-Help about_ShotVideo | Out-String -Width 120").AssertNoErrors().OutputOf<string>());

        foreach (var topic in new[]
                 {
                     "QUICK START", "MODES", "-MaxCostUsd", "-StartsPerMinute", "SHOTVIDEO_STARTS_PER_MINUTE", "Get-ShotVideoTake", "Set-ShotVideoTake",
                     "Remove-ShotVideoTake", "Export-ShotVideoReview", "Test-ShotVideo", "Stop-ShotVideoLocalDatabase", "ConvertTo-Json", "SECRETS",
                     "130", "143", "7b1d2c9e-4f3a-4e8b-9a61-2c5d8e0f1a37",
                 })
        {
            Assert.Contains(topic, text, StringComparison.Ordinal);
        }
    }
}
