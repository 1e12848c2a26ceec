namespace ConcertationBot.Tests.Support;

/// <summary>Finds files of the repository from the working directory or the running assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding <c>ConcertationBot.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ConcertationBot.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("ConcertationBot.sln not found above " + AppContext.BaseDirectory + " or " + Directory.GetCurrentDirectory());
    }
}
