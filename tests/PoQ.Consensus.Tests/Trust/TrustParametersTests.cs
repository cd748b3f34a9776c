using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Trust;

public class TrustParametersTests
{
    [Fact]
    public void Defaults_Always_AreTheDesignBriefsAndValid()
    {
        var p = new TrustParameters();
        Assert.Equal((0.2, 1.0, 0.1, 3.0), (p.Lambda, p.InitialWeight, p.MinWeight, p.MaxWeight));
        Assert.Empty(p.Problems());
    }

    [Theory]
    [InlineData(0.0, "lambda")]
    [InlineData(-0.2, "lambda")]
    [InlineData(1.01, "lambda")]
    [InlineData(double.NaN, "lambda")]
    public void Problems_BadLambda_NamesLambda(double lambda, string name) =>
        Assert.Contains($"'{name}'", Assert.Single(new TrustParameters { Lambda = lambda }.Problems()), StringComparison.Ordinal);

    [Fact]
    public void Problems_MinAboveMax_NamesMax()
    {
        var problems = new TrustParameters { MinWeight = 0.5, MaxWeight = 0.4, InitialWeight = 0.45 }.Problems().ToList();
        Assert.Contains(problems, p => p.Contains("'w_max'", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_NonPositiveMin_NamesMin() =>
        Assert.Contains("'w_min'", Assert.Single(new TrustParameters { MinWeight = 0 }.Problems()), StringComparison.Ordinal);

    [Fact]
    public void Problems_InitialOutsideBounds_NamesW0() =>
        Assert.Contains("'w0'", Assert.Single(new TrustParameters { InitialWeight = 3.5 }.Problems()), StringComparison.Ordinal);

    [Fact]
    public void Problems_EverythingWrong_ReportsEachParameter()
    {
        var problems = new TrustParameters { Lambda = double.NaN, MinWeight = -1, MaxWeight = double.PositiveInfinity, InitialWeight = double.NaN }.Problems().ToList();
        Assert.Equal(4, problems.Count);
    }
}
