using System.Xml.Linq;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Views;

/// <summary>
/// Every view rendered as a terminal of 80 and of 120 columns shows it (Out-String -Width in the hosted engine): the
/// header on one line, no line wider than the terminal, and ids, states and paths whole rather than cut.
/// </summary>
[Collection(VeoEnvironmentCollection.Name)]
public sealed class FormatViewTests : IAsyncLifetime
{
    private readonly VeoWorkspace _workspace = new();

    public Task InitializeAsync() => _workspace.InitializeAsync();

    public Task DisposeAsync() => _workspace.DisposeAsync();

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Every_view_fits_the_terminal_with_its_header_on_one_line_and_the_useful_parts_whole(int width)
    {
        var local = Path.Combine(_workspace.PublicRoot, "no-local-database");
        var views = _workspace.Run(
            """
            Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -Database $Database -PublicRoot $PublicRoot -Confirm:$false | Out-Null
            $result = Invoke-ShotVideo -Stub -StoryId $StoryId -SceneletId scenelet-1 -ShotIndex 3 -Mode Override -Database $Database -PublicRoot $PublicRoot -Confirm:$false
            Remove-Item (Join-Path $PublicRoot "generated/$StoryId/shots/scenelet-1/shot-2.mp4")
            $saved = $env:SHOTVIDEO_LOCAL_DATABASE_DIR
            $env:SHOTVIDEO_LOCAL_DATABASE_DIR = $Local
            try { $status = Get-ShotVideoLocalDatabase } finally { $env:SHOTVIDEO_LOCAL_DATABASE_DIR = $saved }
            $plan = Get-ShotVideoPrompt -StoryId $StoryId -SceneletId scenelet-2 -ShotIndex 1 -Database $Database -PublicRoot $PublicRoot
            [ordered]@{
                Shot       = Get-Shot -StoryId $StoryId -Database $Database | Out-String -Width $Width
                Coverage   = Get-ShotCoverage -StoryId $StoryId -Database $Database | Out-String -Width $Width
                Job        = Get-ShotVideoJob -StoryId $StoryId -Database $Database | Out-String -Width $Width
                Reference  = $plan.References | Out-String -Width $Width
                Plan       = $plan | Out-String -Width $Width
                Local      = $status | Out-String -Width $Width
                Result     = $result | Out-String -Width $Width
                Check      = Test-ShotVideo -StoryId $StoryId -SceneletId scenelet-1 -All -Database $Database -PublicRoot $PublicRoot | Out-String -Width $Width
                Take       = Get-ShotVideoTake -StoryId $StoryId -SceneletId scenelet-1 -Database $Database -PublicRoot $PublicRoot | Out-String -Width $Width
            }
            """,
            extra: [("Width", width), ("Local", local)]).AssertNoErrors().OutputOf<System.Collections.Specialized.OrderedDictionary>().Single();
        string Text(string view) => views[view]!.ToString()!;
        var id = _workspace.StoryId.ToString();

        foreach (var view in views.Keys.Cast<string>())
        {
            Assert.All(Lines(Text(view)), line => Assert.True(line.Length <= width, $"{view} at {width}: '{line}' is {line.Length} wide"));
        }

        AssertHeader(Text("Shot"), "Seq", "SceneletId", "Shot", "KeyFrame", "Clip");
        Assert.Contains($"Story: The Lantern Keepers ({id})", Text("Shot"), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*1 scenelet-1\s+1 scenelet-1/shot-1_key_frame\.png\s+scenelet-1/shot-1\.mp4$", Text("Shot"));
        Assert.DoesNotContain("…", Text("Shot"), StringComparison.Ordinal);

        AssertHeader(Text("Coverage"), "Id", "Shots", "KeyFrame", "Video", "Missing", "Done", "Story");
        Assert.Matches($@"(?m)^{id[..8]}\s+7\s+4\s+3\s+4\s+42\.9%\s+The Lantern Keepers$", Text("Coverage"));

        AssertHeader(Text("Job"), "Story", "SceneletId", "Shot", "State", "Backend", "HeartbeatAt", "ClaimedBy");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(Text("Job"), $@"(?m)^{id[..8]}\s+scenelet-1\s+3\s+Succeeded\s+Stub\s+\d\d-\d\d \d\d:\d\d:\d\dZ"), Text("Job"));

        AssertHeader(Text("Reference"), "Kind", "SourceId", "Sent", "MimeType", "Bytes", "Path or why not sent");
        Assert.DoesNotContain(id, Text("Reference"), StringComparison.Ordinal);
        // The path column starts below the story's folder; at 120 columns the whole path shows.
        Assert.Matches(@"(?m)^\w+\s+\S+\s+True\s+image/png\s+\d+ visuals/", Text("Reference"));
        if (width >= 120)
        {
            Assert.Matches(@"(?m) visuals/\S+/\S+\.png$", Text("Reference"));
        }

        Assert.Matches(@"(?m)^Decision\s+: Generate$", Text("Plan"));
        AssertHeader(Text("Local"), "Exists", "Running", "Port", "Size", "Folder");
        Assert.Matches(@"(?m)^False\s+False\s+0\.0 MB /", Text("Local"));
        AssertHeader(Text("Take"), "SceneletId", "Shot", "Take", "Created", "Size", "Secs", "Cost", "Path");
        Assert.Contains($"Story: The Lantern Keepers ({id})", Text("Take"), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^scenelet-1\s+3\s+current\s+\d\d-\d\d \d\d:\d\d\s+\d+K\s+\d+\.\d\s+0\.00 shot-3\.mp4$", Text("Take"));
        Assert.Matches(@"(?m)^scenelet-1\s+3\s+1\s+\d\d-\d\d \d\d:\d\d\s+\d+K\s+\d+\.\d\s+0\.00 takes/shot-3-take-1\.mp4$", Text("Take"));

        AssertHeader(Text("Result"), "SceneletId", "Shot", "Status", "Clip", "Elapsed", "Cost", "Reason");
        Assert.Matches(@"(?m)^scenelet-1\s+3 Generated\s+scenelet-1/shot-3\.mp4\s+\d+\.\ds\s+\$0\.00\s*$", Text("Result"));

        AssertHeader(Text("Check"), "SceneletId", "Shot", "State", "Clip", "Detail");
        Assert.Contains($"Story: The Lantern Keepers ({id})", Text("Check"), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^scenelet-1\s+1 Whole\s+scenelet-1/shot-1\.mp4\s*$", Text("Check"));
        Assert.Matches(@"(?m)^scenelet-1\s+2 Missing\s+scenelet-1/shot-2\.mp4\s+\S", Text("Check"));
    }

    [Fact]
    public void Every_table_column_but_the_last_has_a_fixed_width_so_rows_stream()
    {
        var file = XDocument.Load(Path.Combine(BuildOutputs.ModuleDirectory, "ShotVideo.Format.ps1xml"));

        var tables = file.Descendants("View")
            .Select(view => (Name: (string)view.Element("Name")!, Headers: view.Descendants("TableColumnHeader").ToList()))
            .Where(view => view.Headers.Count > 0)
            .ToList();

        Assert.Contains(tables, table => table.Name == "ShotVideo.Shot");
        Assert.All(tables, table => Assert.All(
            table.Headers.SkipLast(1),
            header => Assert.True(int.TryParse((string?)header.Element("Width"), out var columns) && columns > 0, $"{table.Name}: {header}")));
        // Every table but its last column fits 80 columns with at least 12 left for the last one.
        Assert.All(tables, table => Assert.True(
            table.Headers.SkipLast(1).Sum(header => (int)header.Element("Width")! + 1) <= 68, table.Name));
    }

    private static void AssertHeader(string text, params string[] labels)
    {
        var header = Lines(text).FirstOrDefault(line => line.TrimStart().StartsWith(labels[0], StringComparison.Ordinal));
        Assert.NotNull(header);
        Assert.Matches("^" + string.Join(@"\s+", labels.Select(System.Text.RegularExpressions.Regex.Escape)) + "$", header.Trim());
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(line => line.TrimEnd('\r'));
}
