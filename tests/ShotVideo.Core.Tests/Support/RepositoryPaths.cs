namespace ShotVideo.Tests.Support;

/// <summary>Finds files of this repository (fixtures, migrations) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleStory => Path.Combine(Root, "fixtures", "stories", "lantern-keepers");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShotVideo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ShotVideo.sln) was not found above " + AppContext.BaseDirectory);
    }
}
