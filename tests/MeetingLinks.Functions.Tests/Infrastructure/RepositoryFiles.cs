namespace MeetingLinks.Tests.Infrastructure;

/// <summary>Files of the repository the tests were built from, found above the test output.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>Functions.sln</c>.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Functions.sln not found above the test output.");
    }

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));
}
