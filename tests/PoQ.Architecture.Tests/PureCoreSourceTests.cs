namespace PoQ.Architecture.Tests;

/// <summary>style.md §2: no ambient time, randomness or identifiers in the pure core's sources.</summary>
public class PureCoreSourceTests
{
    private static readonly string[] Banned =
        ["DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "Random.Shared", "new Random(", "Guid.NewGuid"];

    private static readonly string[] PureFolders = ["src/Consensus", "src/Rewards", "src/Simulation", "src/Settlement"];

    private static string RepositoryRoot()
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

    private static IEnumerable<string> SourceFiles(string folder)
    {
        string root = Path.Combine(RepositoryRoot(), folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        char sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal));
    }

    internal static IEnumerable<string> BannedUses(string text) => Banned.Where(b => text.Contains(b, StringComparison.Ordinal));

    [Fact]
    public void Sources_PureCore_UseNoAmbientTimeRandomnessOrGuids()
    {
        var offenders = PureFolders.SelectMany(SourceFiles)
            .SelectMany(file => BannedUses(File.ReadAllText(file)).Select(use => $"{Path.GetRelativePath(RepositoryRoot(), file)}: {use}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Sources_PureCore_AreFound() =>
        // Guards against a vacuous pass when the root or folders are not where the scan looks.
        Assert.Contains(SourceFiles("src/Consensus"), f => f.EndsWith("ConsensusEngine.cs", StringComparison.Ordinal));

    [Theory]
    [InlineData("var now = DateTime.UtcNow;", "DateTime.UtcNow")]
    [InlineData("var rng = new Random(42);", "new Random(")]
    [InlineData("int x = Random.Shared.Next();", "Random.Shared")]
    [InlineData("var id = Guid.NewGuid();", "Guid.NewGuid")]
    [InlineData("var t = DateTimeOffset.Now;", "DateTimeOffset.Now")]
    public void BannedUses_OffendingLine_IsReported(string line, string expected) =>
        Assert.Contains(expected, BannedUses(line));

    [Fact]
    public void BannedUses_InjectedSources_AreAllowed() =>
        Assert.Empty(BannedUses("var now = timeProvider.GetUtcNow(); var r = random.Next(); var s = new Random42();"));
}
