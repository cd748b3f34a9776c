using PoQ.Projections.Replay;

namespace PoQ.Replay.Tests;

/// <summary>The scenario-name rule <c>poq replay</c> checks before it looks for a store (pure: no database).</summary>
public sealed class ReplayPreflightTests
{
    [Theory]
    [InlineData("m1")]
    [InlineData("robust-trust_2s.v2")]
    public void NameProblem_LettersDigitsDotsDashes_IsNone(string name) => Assert.Null(ReplayPreflight.NameProblem(name));

    [Theory]
    [InlineData("bad name!")]
    [InlineData("")]
    [InlineData("recorded")]
    public void NameProblem_BadOrReservedName_SaysWhatIsAllowed(string name) =>
        Assert.StartsWith($"scenario name '{name}': use 1–100 letters", ReplayPreflight.NameProblem(name), StringComparison.Ordinal);

    [Fact]
    public void NameProblem_101Characters_IsTooLong() => Assert.NotNull(ReplayPreflight.NameProblem(new string('a', 101)));
}
