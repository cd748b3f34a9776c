namespace PoQ.Architecture.Tests;

/// <summary>The repository's C# sources, found upward from the test's output (bin and obj left out).</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>The .cs files under <paramref name="folder"/> (relative to the root); none when it does not exist.</summary>
    public static IEnumerable<string> Files(string folder)
    {
        string root = Path.Combine(Root, folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        char sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal));
    }

    /// <summary><paramref name="file"/> relative to the root, with forward slashes.</summary>
    public static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoQ.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no PoQ.sln above {AppContext.BaseDirectory}");
    }
}
