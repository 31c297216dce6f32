using System.Management.Automation;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Module;

/// <summary>The installable folder out/ShotVideo/: manifest, exports, layout, views and help, as PowerShell sees them.</summary>
public sealed class ModuleTests
{
    /// <summary>What the module is meant to export, no more and no less.</summary>
    public static readonly string[] IntendedCommands = ["Export-ShotVideoReview", "Get-Shot", "Get-ShotCoverage", "Get-ShotVideoJob", "Get-ShotVideoLocalDatabase", "Get-ShotVideoPrompt", "Get-ShotVideoTake", "Import-StoryFolder", "Invoke-ShotVideo", "Remove-ShotVideoTake", "Set-ShotVideoTake", "Stop-ShotVideoLocalDatabase", "Test-ShotVideo"];

    /// <summary>The types the cmdlets write, each with a view in ShotVideo.Format.ps1xml.</summary>
    public static readonly string[] ViewedTypes =
    [
        "ShotVideo.Database.ShotRecord", "ShotVideo.Ledger.ShotVideoJob", "ShotVideo.Database.StoryCoverage", "ShotVideo.References.PlannedReference",
        "ShotVideo.Planning.ShotPlan", "ShotVideo.Generation.ShotVideoResult", "ShotVideo.Generation.ShotVideoRunResult", "ShotVideo.Samples.StoryFolderLoadResult", "ShotVideo.Database.LocalDatabaseStatus",
        "ShotVideo.Review.ShotClipCheck", "ShotVideo.Review.ReviewPageExport", "ShotVideo.Takes.ShotTake",
    ];

    public static TheoryData<string> Commands => new(IntendedCommands);

    [Fact]
    public void Manifest_passes_Test_ModuleManifest_with_the_version_from_the_one_version_source()
    {
        var result = ScriptHarness.Run("Test-ModuleManifest -Path $Manifest", new Dictionary<string, object?> { ["Manifest"] = BuildOutputs.ModuleManifest })
            .AssertNoErrors();

        var module = Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("ShotVideo", module.Name);
        Assert.Equal(new Version(BuildOutputs.VersionPrefix), module.Version);
        Assert.Equal("ShotVideo.PowerShell.dll", module.RootModule);
        Assert.Equal(["Core"], module.CompatiblePSEditions);
        Assert.Equal(new Version(7, 4), module.PowerShellVersion);
        Assert.Equal(IntendedCommands, module.ExportedCmdlets.Keys.Order());
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
        Assert.Empty(module.ExportedVariables);
    }

    [Fact]
    public void Built_manifest_has_no_template_comments_and_the_fields_the_Gallery_reads()
    {
        var lines = File.ReadAllLines(BuildOutputs.ModuleManifest);
        var result = ScriptHarness.Run(
            "$m = Test-ModuleManifest -Path $Manifest; $m.Description; $m.PrivateData.PSData.ReleaseNotes; $m.Tags.Count",
            new Dictionary<string, object?> { ["Manifest"] = BuildOutputs.ModuleManifest }).AssertNoErrors();

        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith('#'));
        Assert.DoesNotContain(lines, line => line.Contains("@VersionPrefix@", StringComparison.Ordinal));
        var values = result.Output.Select(item => item.BaseObject).ToList();
        Assert.Contains("Veo", (string)values[0], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string)values[1]));
        Assert.True((int)values[2] >= 5);
    }

    [Fact]
    public void Importing_exports_exactly_the_intended_cmdlets()
    {
        var result = ScriptHarness.Run("Get-Command -Module ShotVideo").AssertNoErrors();

        var commands = result.OutputOf<CmdletInfo>();
        Assert.Equal(IntendedCommands, commands.Select(command => command.Name).Order());
        Assert.All(commands, command => Assert.Equal(new Version(BuildOutputs.VersionPrefix), command.Version));
    }

    [Fact]
    public void Core_and_its_dependencies_live_in_deps_and_not_beside_the_cmdlet_assembly()
    {
        var root = BuildOutputs.ModuleDirectory;
        Assert.Equal(
            ["ShotVideo.Format.ps1xml", "ShotVideo.PowerShell.dll", "ShotVideo.psd1", "ShotVideo.Serialization.Types.ps1xml"],
            Directory.GetFiles(root).Select(Path.GetFileName).Where(name => !name!.EndsWith(".pdb", StringComparison.Ordinal)).Order());
        Assert.True(File.Exists(Path.Combine(root, "en-US", "ShotVideo.PowerShell.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "about_ShotVideo.help.txt")));
        foreach (var file in new[] { "ShotVideo.Core.dll", "ShotVideo.Core.deps.json", "Npgsql.dll", "System.Diagnostics.DiagnosticSource.dll" })
        {
            Assert.True(File.Exists(Path.Combine(root, "deps", file)), $"deps/{file} is missing");
        }
    }

    [Fact]
    public void Format_views_exist_for_every_type_the_cmdlets_write()
    {
        var result = ScriptHarness.Run("(Get-FormatData -TypeName $Types).TypeNames", new Dictionary<string, object?> { ["Types"] = ViewedTypes }).AssertNoErrors();

        Assert.Equal(ViewedTypes.Order(), result.OutputOf<string>().Order());
    }

    [Fact]
    public void Every_cmdlet_declares_the_types_it_writes_and_they_have_views()
    {
        var result = ScriptHarness.Run("Get-Command -Module ShotVideo | ForEach-Object { $_.OutputType.Name }").AssertNoErrors();

        // References are shown within a plan; two cmdlets write the local database's status.
        Assert.Equal(ViewedTypes.Where(type => !type.EndsWith(".PlannedReference", StringComparison.Ordinal)).Order(), result.OutputOf<string>().Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_cmdlet_has_help_with_a_synopsis_a_description_examples_and_described_parameters(string command)
    {
        var help = Assert.Single(ScriptHarness.Run(
            """
            $help = Get-Help -Name $Command -Full
            [pscustomobject]@{
                Synopsis    = "$($help.Synopsis)".Trim()
                Description = "$($help.description.Text)".Trim()
                Examples    = @($help.examples.example | ForEach-Object { "$($_.code)" })
                Described   = @($help.parameters.parameter | Where-Object { "$($_.description.Text)" } | ForEach-Object { "$($_.name)" })
                Declared    = @((Get-Command $Command).Parameters.Keys | Where-Object {
                    $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters })
            }
            """,
            new Dictionary<string, object?> { ["Command"] = command }).AssertNoErrors().Output);

        var synopsis = (string)help.Properties["Synopsis"].Value;
        // Without a help file PowerShell makes the synopsis up from the syntax, which starts with the command name.
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(command, synopsis, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace((string)help.Properties["Description"].Value));
        var examples = Strings(help, "Examples");
        Assert.NotEmpty(examples);
        Assert.All(examples, code => Assert.Contains(command, code, StringComparison.Ordinal));
        var declared = Strings(help, "Declared");
        // Get-ShotVideoLocalDatabase takes no parameters of its own; every other cmdlet has some.
        if (command != "Get-ShotVideoLocalDatabase")
        {
            Assert.NotEmpty(declared);
        }

        Assert.Equal(declared.Order(), Strings(help, "Described").Order());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_SYNTAX_shows_every_parameter_set_as_the_cmdlet_declares_it(string command)
    {
        // One line per parameter set: the parameter names, '!' marking mandatory ones, and each value's type name.
        var result = ScriptHarness.Run(
            """
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters
            $declared = @((Get-Command $Command).ParameterSets | ForEach-Object {
                (@($_.Parameters | Where-Object Name -notin $common | ForEach-Object { "$($_.Name)$(if ($_.IsMandatory) { '!' })" }) | Sort-Object) -join ' '
            }) | Sort-Object
            $shown = @((Get-Help -Name $Command).syntax.syntaxItem | ForEach-Object {
                (@($_.parameter | ForEach-Object { "$($_.name)$(if ($_.required -eq 'true') { '!' })" }) | Sort-Object) -join ' '
            }) | Sort-Object
            [pscustomobject]@{ Declared = @($declared); Shown = @($shown); Text = (Get-Help -Name $Command).syntax | Out-String -Width 400 }
            """,
            new Dictionary<string, object?> { ["Command"] = command }).AssertNoErrors();

        var sets = Assert.Single(result.Output);
        Assert.Equal(Strings(sets, "Declared"), Strings(sets, "Shown"));
        Assert.DoesNotMatch(@"<\w*\]>", sets.Properties["Text"].Value.ToString()!);
    }

    private static IReadOnlyList<string> Strings(PSObject item, string name) =>
        ((object[])item.Properties[name].Value).Select(value => value.ToString()!).ToList();
}
