namespace ConcertationBot.Load;

internal static class RepositoryRoot
{
    /// <summary>The directory holding <c>ConcertationBot.sln</c>, above the working directory or the tool's own.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ConcertationBot.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("ConcertationBot.sln not found above " + Directory.GetCurrentDirectory());
    }
}
