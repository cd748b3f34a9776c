using System.Globalization;

namespace PoQ.Simulation.Attacks;

/// <summary>Attack strengths. Defaults are ours (design brief: σ = 2, b = 3, p = 0.5).</summary>
public sealed record AttackParameters
{
    /// <summary>Noise standard deviation σ.</summary>
    public double Sigma { get; init; } = 2.0;

    /// <summary>Boost / sabotage offset b.</summary>
    public double Offset { get; init; } = 3.0;

    /// <summary>Per-task attack probability p of the intermittent attack.</summary>
    public double Probability { get; init; } = 0.5;

    /// <summary>Fraction of inference nodes in the collusion cartel (at least one node).</summary>
    public double CartelFraction { get; init; } = 0.2;

    /// <summary>The score colluders agree to report for cartel tasks.</summary>
    public double CollusionScore { get; init; } = 10.0;

    /// <summary>What a copier reports for a node it has never seen a consensus for.</summary>
    public double CopyPrior { get; init; } = 5.0;

    /// <summary>Every problem, naming the parameter.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Range(problems, "sigma", Sigma, 0, double.MaxValue);
        Range(problems, "offset", Offset, 0, 10);
        Range(problems, "probability", Probability, 0, 1);
        Range(problems, "cartel_fraction", CartelFraction, 0, 1);
        Range(problems, "collusion_score", CollusionScore, 0, 10);
        Range(problems, "copy_prior", CopyPrior, 0, 10);
        return problems;
    }

    private static void Range(List<string> problems, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: must be within [{min}, {(max == double.MaxValue ? "∞" : max)}]"));
        }
    }
}
