using FsCheck;
using FsCheck.Fluent;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Tests.Attacks;

public sealed class AttackTests
{
    private static readonly AttackParameters Defaults = new();

    private static double Apply(AttackKind kind, double honest, AttackContext context = default, AttackParameters? parameters = null, ulong seed = 1)
    {
        var random = new DeterministicRandom(seed);
        return Attack.Apply(kind, honest, context, parameters ?? Defaults, ref random);
    }

    [Theory]
    [InlineData(5.0, 8.0)]
    [InlineData(8.5, 10.0)]
    [InlineData(10.0, 10.0)]
    public void Apply_Boost_AddsOffsetCappedAtTen(double honest, double expected) =>
        Assert.Equal(expected, Apply(AttackKind.Boost, honest));

    [Theory]
    [InlineData(5.0, 2.0)]
    [InlineData(1.5, 0.0)]
    public void Apply_Sabotage_SubtractsOffsetFlooredAtZero(double honest, double expected) =>
        Assert.Equal(expected, Apply(AttackKind.Sabotage, honest));

    [Fact]
    public void Apply_None_ReturnsHonestScore() => Assert.Equal(6.25, Apply(AttackKind.None, 6.25));

    [Fact]
    public void Apply_Noise_MatchesGaussianDrawOfSameSeed()
    {
        var reference = new DeterministicRandom(9);
        double expected = Math.Clamp(5 + (2 * reference.NextGaussian()), 0, 10);
        Assert.Equal(expected, Apply(AttackKind.Noise, 5, seed: 9));
    }

    [Fact]
    public void Apply_Noise_ManyDraws_HasStandardDeviationSigma()
    {
        var random = new DeterministicRandom(5);
        double sum = 0;
        double squares = 0;
        const int n = 50_000;
        for (int i = 0; i < n; i++)
        {
            double d = Attack.Apply(AttackKind.Noise, 5, default, Defaults, ref random) - 5;
            sum += d;
            squares += d * d;
        }

        // σ = 2 around 5 is barely clipped at [0, 10] (2.5σ), so the spread stays close to 2.
        Assert.InRange(Math.Sqrt((squares / n) - ((sum / n) * (sum / n))), 1.9, 2.05);
    }

    [Fact]
    public void Apply_Intermittent_AttacksAboutHalfTheTasks()
    {
        var random = new DeterministicRandom(5);
        int attacked = 0;
        const int n = 20_000;
        for (int i = 0; i < n; i++)
        {
            attacked += Attack.Apply(AttackKind.Intermittent, 4, default, Defaults, ref random) == 7 ? 1 : 0;
        }

        Assert.InRange(attacked / (double)n, 0.48, 0.52);
    }

    [Fact]
    public void Apply_Collusion_ReportsAgreedScoreOnlyForCartelNodes()
    {
        Assert.Equal(10, Apply(AttackKind.Collusion, 3, new AttackContext(InferenceNodeInCartel: true, null)));
        Assert.Equal(3, Apply(AttackKind.Collusion, 3, new AttackContext(InferenceNodeInCartel: false, null)));
    }

    [Fact]
    public void Apply_Copy_ReportsPreviousConsensusOrPrior()
    {
        Assert.Equal(6.5, Apply(AttackKind.Copy, 2, new AttackContext(false, 6.5)));
        Assert.Equal(5, Apply(AttackKind.Copy, 2, new AttackContext(false, null)));
    }

    // Invariant: every attack reports a score within [0, 10] for any honest score in [0, 10].
    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property Apply_AnyAttack_StaysInScoreRange() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<AttackKind>()).ToArbitrary(),
            Gen.Choose(0, 10_000).Select(i => i / 1_000.0).ToArbitrary(),
            ArbMap.Default.ArbFor<ulong>(),
            (kind, honest, seed) =>
            {
                double reported = Apply(kind, honest, new AttackContext(seed % 2 == 0, seed % 3 == 0 ? null : honest), seed: seed);
                return reported >= 0 && reported <= 10;
            });

    [Fact]
    public void Parse_KnownAndUnknownNames()
    {
        Assert.Equal(AttackKind.Collusion, AttackNames.Parse("collusion"));
        var error = Assert.Throws<ArgumentException>(() => AttackNames.Parse("bribe"));
        Assert.Contains("bribe", error.Message, StringComparison.Ordinal);
        Assert.Contains("boost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_OutOfRangeParameters_NameEachParameter()
    {
        var problems = new AttackParameters { Sigma = -1, Probability = 1.5 }.Problems();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'sigma'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'probability'", StringComparison.Ordinal));
    }
}
