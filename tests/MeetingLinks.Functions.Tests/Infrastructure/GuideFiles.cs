namespace MeetingLinks.Tests.Infrastructure;

/// <summary>The repository's four guides: each reader's page, beside what it describes.</summary>
internal static class GuideFiles
{
    /// <summary>Their paths from the repository root.</summary>
    public static readonly string[] Paths = ["README.md", "src/README.md", "infra/README.md", "tests/README.md"];

    /// <summary>Each guide's path and text.</summary>
    public static IEnumerable<(string Path, string Text)> All() => Paths.Select(path => (path, RepositoryFiles.ReadText(path)));
}
