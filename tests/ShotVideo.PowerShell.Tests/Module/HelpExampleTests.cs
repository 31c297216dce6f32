using System.Management.Automation;
using System.Xml.Linq;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Module;

/// <summary>
/// Every example of every cmdlet's help, as Get-Help shows it, runs without an error: each against a fresh database
/// holding the sample story (whose id the examples use), the fake Veo service as the Gemini API, and a fresh working
/// folder holding <c>fixtures/</c> (the repository's) and <c>stories/</c>, so relative paths in the examples work and
/// nothing is written into the repository. The settings an example relies on come from the environment, as a user's
/// would. Examples that need what is not here (Google Cloud credentials) run under <c>$WhatIfPreference</c>.
/// </summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class HelpExampleTests : IAsyncLifetime
{
    // Titles (their distinctive part) of examples that need Vertex AI credentials, which no test machine has.
    private static readonly string[] NeedCredentials = ["Vertex AI"];
    private static readonly string[] Variables = ["SHOTVIDEO_DATABASE_URL", "SHOTVIDEO_LOCAL_DATABASE_DIR"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private readonly VeoWorkspace _workspace = new();
    private readonly string _workdir = Directory.CreateTempSubdirectory("shotvideo-ps-examples-").FullName;

    /// <summary>(command, example title) for every example in the built module's help file.</summary>
    public static TheoryData<string, string> Examples()
    {
        var maml = XNamespace.Get("http://schemas.microsoft.com/maml/2004/10");
        var command = XNamespace.Get("http://schemas.microsoft.com/maml/dev/command/2004/10");
        var help = XDocument.Load(Path.Combine(BuildOutputs.ModuleDirectory, "en-US", "ShotVideo.PowerShell.dll-Help.xml"));
        var data = new TheoryData<string, string>();
        foreach (var entry in help.Root!.Elements(command + "command"))
        {
            var name = entry.Element(command + "details")!.Element(command + "name")!.Value;
            foreach (var example in entry.Descendants(command + "example"))
            {
                data.Add(name, example.Element(maml + "title")!.Value.Trim('-', ' '));
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        await _workspace.InitializeAsync();
        Directory.CreateSymbolicLink(Path.Combine(_workdir, "fixtures"), Path.Combine(BuildOutputs.RepositoryRoot, "fixtures"));
        Directory.CreateDirectory(Path.Combine(_workdir, "stories"));
        Directory.CreateSymbolicLink(Path.Combine(_workdir, "stories", "lantern-keepers"), Path.Combine(BuildOutputs.RepositoryRoot, "fixtures", "stories", "lantern-keepers"));
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await _workspace.DisposeAsync();
        Directory.Delete(_workdir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Runs_as_the_help_shows_it(string command, string title)
    {
        var code = Assert.Single(ScriptHarness.Run(
            "@(Get-Help -Name $Command -Examples).examples.example | Where-Object { $_.title.Trim('-', ' ') -eq $Title } | ForEach-Object { \"$($_.code)\" }",
            new Dictionary<string, object?> { ["Command"] = command, ["Title"] = title }).AssertNoErrors().OutputOf<string>());
        var whatIf = NeedCredentials.Any(need => title.Contains(need, StringComparison.Ordinal));

        var result = _workspace.Run(
            $"""
            $env:SHOTVIDEO_DATABASE_URL = $Database
            $env:SHOTVIDEO_PUBLIC_ROOT = $PublicRoot
            $env:GEMINI_API_KEY = $Key
            $env:SHOTVIDEO_LOCAL_DATABASE_DIR = $Local
            # The fake answers at once; polling every 10 seconds as against Veo would only make the test slow.
            $PSDefaultParameterValues['Invoke-ShotVideo:PollInterval'] = [timespan]::FromMilliseconds(10)
            $WhatIfPreference = ${(whatIf ? "true" : "false")}
            Set-Location -LiteralPath $Workdir
            {code}
            """,
            // Read-Host reads the key; any confirmation prompt reads the first line as no answer and then "Yes to All".
            input: _workspace.Veo.Options.ApiKey + "\n" + string.Concat(Enumerable.Repeat("a\n", 20)),
            extra: [("Key", _workspace.Veo.Options.ApiKey), ("Local", Path.Combine(_workdir, "local-database")), ("Workdir", _workdir)]);

        result.AssertNoErrors();
        Assert.Equal(PSInvocationState.Completed, result.State);
    }
}
