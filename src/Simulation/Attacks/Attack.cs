using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Attacks;

/// <summary>Turns an honest score into the score a malicious evaluator reports.</summary>
public static class Attack
{
    /// <summary>
    /// The reported score, always within [0, 10]. Randomness (noise, the intermittent coin) comes from
    /// <paramref name="random"/> only, so a seed reproduces every report.
    /// </summary>
    public static double Apply(AttackKind kind, double honestScore, AttackContext context, AttackParameters parameters, ref DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return kind switch
        {
            AttackKind.None => honestScore,
            AttackKind.Noise => Math.Clamp(honestScore + (parameters.Sigma * random.NextGaussian()), 0, 10),
            AttackKind.Boost => Math.Min(10, honestScore + parameters.Offset),
            AttackKind.Sabotage => Math.Max(0, honestScore - parameters.Offset),
            AttackKind.Intermittent => random.NextBernoulli(parameters.Probability) ? Math.Min(10, honestScore + parameters.Offset) : honestScore,
            AttackKind.Collusion => context.InferenceNodeInCartel ? parameters.CollusionScore : honestScore,
            AttackKind.Copy => context.PreviousConsensus ?? parameters.CopyPrior,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown attack"),
        };
    }
}
