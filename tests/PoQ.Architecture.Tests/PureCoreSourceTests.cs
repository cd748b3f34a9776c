namespace PoQ.Architecture.Tests;

/// <summary>style.md §2: no ambient time, randomness or identifiers in the pure core's sources.</summary>
public class PureCoreSourceTests
{
    private static readonly string[] Banned =
        ["DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "Random.Shared", "new Random(", "Guid.NewGuid"];

    private static readonly string[] PureFolders = ["src/Consensus", "src/Rewards", "src/Simulation", "src/Settlement"];

    internal static IEnumerable<string> BannedUses(string text) => Banned.Where(b => text.Contains(b, StringComparison.Ordinal));

    [Fact]
    public void Sources_PureCore_UseNoAmbientTimeRandomnessOrGuids()
    {
        var offenders = PureFolders.SelectMany(SourceTree.Files)
            .SelectMany(file => BannedUses(File.ReadAllText(file)).Select(use => $"{SourceTree.Relative(file)}: {use}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Sources_PureCore_AreFound() =>
        // Guards against a vacuous pass when the root or folders are not where the scan looks.
        Assert.Contains(SourceTree.Files("src/Consensus"), f => f.EndsWith("ConsensusEngine.cs", StringComparison.Ordinal));

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
