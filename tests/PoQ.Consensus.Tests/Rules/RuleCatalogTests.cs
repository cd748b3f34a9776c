using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;

namespace PoQ.Consensus.Tests.Rules;

public class RuleCatalogTests
{
    public static TheoryData<string> Names => [.. RuleCatalog.Names];

    private static IReadOnlyList<string> Problems(string name, params (string Key, string Value)[] parameters)
    {
        bool ok = RuleCatalog.TryCreate(name, parameters.ToDictionary(p => p.Key, p => p.Value), out _, out var problems);
        Assert.False(ok);
        Assert.NotEmpty(problems);
        return problems;
    }

    [Fact]
    public void Names_Always_ListsTheSevenRules() =>
        Assert.Equal(["mean", "median", "trimmed", "trust", "trust-median", "robust-trust", "yuma"], RuleCatalog.Names);

    [Theory]
    [InlineData("0.5", "0.1")]
    [InlineData("0.66", "0.25")]
    public void Create_YumaByNameAndItsParameters_RoundTrips(string kappa, string alpha)
    {
        var rule = Assert.IsType<YumaRule>(RuleCatalog.Create("yuma", new Dictionary<string, string> { ["kappa"] = kappa, ["alpha"] = alpha, ["w_max"] = "4" }));
        Assert.Equal((double.Parse(kappa, System.Globalization.CultureInfo.InvariantCulture), double.Parse(alpha, System.Globalization.CultureInfo.InvariantCulture), 4.0), (rule.Kappa, rule.Alpha, rule.Trust.Parameters.MaxWeight));
        // What a recorded event carries (name and canonical parameters) builds the same rule again.
        var again = RuleCatalog.Create(rule.Name, rule.Parameters.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(rule.CanonicalText, again.CanonicalText);
        Assert.Equal(rule.ParamsHash, again.ParamsHash);
    }

    [Fact]
    public void Create_Yuma_DefaultsAreYumas()
    {
        // Canonical text by definition: α = 0.1, κ = 0.5 (subtensor's defaults), PoQ's w₀, w_max, w_min; no λ, no pivot.
        Assert.Equal("yuma;alpha=0.1;kappa=0.5;w0=1;w_max=3;w_min=0.1", RuleCatalog.Create("yuma").CanonicalText);
    }

    [Fact]
    public void TryCreate_LambdaForYuma_IsUnknownParameter() =>
        Assert.Contains("'lambda'", Problems("yuma", ("lambda", "0.2")).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_BadKappaAndAlpha_NamesBoth()
    {
        string all = string.Join("\n", Problems("yuma", ("kappa", "0"), ("alpha", "1.5"), ("w0", "9")));
        Assert.Contains("kappa", all, StringComparison.Ordinal);
        Assert.Contains("alpha", all, StringComparison.Ordinal);
        Assert.Contains("w0", all, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Create_EveryName_CreatesRuleWithThatName(string name) =>
        Assert.Equal(name, RuleCatalog.Create(name).Name);

    [Fact]
    public void Create_TrimmedWithParameters_AppliesThem()
    {
        var rule = Assert.IsType<TrimmedMeanRule>(RuleCatalog.Create("trimmed", new Dictionary<string, string> { ["tau"] = "0.1", ["rounding"] = "at-least-one" }));
        Assert.Equal(0.1, rule.Tau);
        Assert.Equal(TrimRounding.AtLeastOne, rule.Rounding);
    }

    [Fact]
    public void Create_RobustTrustWithParameters_AppliesThem()
    {
        var rule = RuleCatalog.Create("robust-trust", new Dictionary<string, string>
        {
            ["lambda"] = "0.5", ["w0"] = "2", ["w_min"] = "0.5", ["w_max"] = "4", ["pivot"] = "0.25", ["prior"] = "0",
        });
        var trust = Assert.IsType<TrustSettings>(rule.Trust);
        Assert.Equal((0.5, 2.0, 0.5, 4.0, 0.25, 0.0), (trust.Parameters.Lambda, trust.Parameters.InitialWeight, trust.Parameters.MinWeight, trust.Parameters.MaxWeight, trust.Pivot, trust.PriorStrength));
        Assert.True(trust.MeasureFromMedian);
    }

    [Fact]
    public void TryCreate_UnknownRule_NamesIt() =>
        Assert.Contains("'majority'", Problems("majority").Single(), StringComparison.Ordinal);

    [Theory]
    [InlineData("mean")]
    [InlineData("trimmed")]
    [InlineData("trust")]
    public void TryCreate_UnknownParameter_NamesIt(string rule) =>
        Assert.Contains("'gamma'", Problems(rule, ("gamma", "1")).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_TauForTrust_IsUnknownParameter() =>
        Assert.Contains("'tau'", Problems("trust", ("tau", "0.2")).Single(), StringComparison.Ordinal);

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.9")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("abc")]
    [InlineData("")]
    public void TryCreate_BadTau_NamesTau(string tau) =>
        Assert.Contains("tau", Problems("trimmed", ("tau", tau)).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_TauWithDecimalComma_IsRejectedNotMisread() =>
        // "0,2" must not parse as 2 or as 0.2 (invariant culture only).
        Assert.Contains("tau", Problems("trimmed", ("tau", "0,2")).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_BadRounding_NamesRounding() =>
        Assert.Contains("rounding", Problems("trimmed", ("rounding", "up")).Single(), StringComparison.Ordinal);

    [Theory]
    [InlineData("trust", "0")]
    [InlineData("trust", "-1")]
    [InlineData("trust-median", "1.5")]
    [InlineData("robust-trust", "NaN")]
    [InlineData("robust-trust", "fast")]
    public void TryCreate_BadLambda_NamesLambda(string rule, string lambda) =>
        Assert.Contains("lambda", Problems(rule, ("lambda", lambda)).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_MinAboveMax_NamesTheBounds()
    {
        var problems = Problems("trust", ("w_min", "2"), ("w_max", "1"), ("w0", "1.5"));
        Assert.Contains(problems, p => p.Contains("w_max", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_InitialWeightOutsideBounds_NamesW0() =>
        Assert.Contains("w0", Problems("trust", ("w0", "5")).Single(), StringComparison.Ordinal);

    [Fact]
    public void TryCreate_BadPivotAndPrior_NamesBoth()
    {
        string all = string.Join("\n", Problems("robust-trust", ("pivot", "0"), ("prior", "-2")));
        Assert.Contains("pivot", all, StringComparison.Ordinal);
        Assert.Contains("prior", all, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_SeveralParseProblems_ReportsEachOne()
    {
        var problems = Problems("trimmed", ("tau", "x"), ("rounding", "up"), ("bogus", "1"));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'tau'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'rounding'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'bogus'", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_RangeProblemBesideParseProblem_ReportsBoth()
    {
        // τ = 0.7 is a number but out of range; rounding is not parseable: "every problem at once".
        var problems = Problems("trimmed", ("tau", "0.7"), ("rounding", "up"));
        Assert.Contains(problems, p => p.Contains("'tau'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'rounding'", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_RangeProblemBesideUnknownParameter_ReportsBoth()
    {
        var problems = Problems("trust", ("lambda", "0"), ("tau", "0.2"));
        Assert.Contains(problems, p => p.Contains("'lambda'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'tau'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Problems_ThrowsListingEachOne()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RuleCatalog.Create("trust", new Dictionary<string, string> { ["lambda"] = "0", ["w_min"] = "-1" }));
        Assert.Contains("lambda", error.Message, StringComparison.Ordinal);
        Assert.Contains("w_min", error.Message, StringComparison.Ordinal);
    }
}
