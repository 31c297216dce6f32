using System.Reflection;

namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>Where the build put what the tests exercise; the paths are written into this assembly by its project.</summary>
internal static class BuildOutputs
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The installable module folder, as <c>dotnet build</c> lays it out.</summary>
    public static string ModuleDirectory { get; } = Path.Combine(RepositoryRoot, "out", "ShotVideo");

    public static string ModuleManifest { get; } = Path.Combine(ModuleDirectory, "ShotVideo.psd1");

    /// <summary>shotvideo.dll in the host's own output folder (with Modules/ShotVideo beside it).</summary>
    public static string HostAssembly { get; } = Metadata("HostAssembly");

    public static string VersionPrefix { get; } = Metadata("VersionPrefix");

    private static string Metadata(string key) =>
        typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The test project did not record {key}.");
}
