using System.Management.Automation.Language;
using ShotVideo.PowerShell.Tests.Support;

namespace ShotVideo.PowerShell.Tests.Module;

/// <summary>Every PowerShell file of the repository (scripts, manifests, Pester tests, examples) parses.</summary>
public sealed class ScriptParsingTests
{
    private static readonly string[] Extensions = [".ps1", ".psd1", ".psm1"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "out", ".git", "node_modules", "TestResults"];

    public static TheoryData<string> PowerShellFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Find(BuildOutputs.RepositoryRoot))
        {
            files.Add(Path.GetRelativePath(BuildOutputs.RepositoryRoot, file));
        }

        return files;
    }

    [Fact]
    public void The_repository_has_its_manifest_build_script_and_pester_tests()
    {
        var files = Find(BuildOutputs.RepositoryRoot).Select(file => Path.GetRelativePath(BuildOutputs.RepositoryRoot, file)).ToList();
        Assert.Contains("ShotVideo.psd1", files);
        Assert.Contains("build.ps1", files);
        Assert.Contains(files, file => file.StartsWith("tests", StringComparison.Ordinal) && file.EndsWith(".Tests.ps1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PowerShellFiles))]
    public void Parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(BuildOutputs.RepositoryRoot, relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(error => $"{error.Extent.StartLineNumber}:{error.Extent.StartColumnNumber} {error.Message}")));
    }

    private static IEnumerable<string> Find(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory).Where(child => !SkippedFolders.Contains(Path.GetFileName(child))))
        {
            foreach (var file in Find(child))
            {
                yield return file;
            }
        }
    }
}
