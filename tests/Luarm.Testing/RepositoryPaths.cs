namespace Luarm.Testing;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Luarm.Detect.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Luarm.Detect.sln not found above " + AppContext.BaseDirectory);
    }
}
