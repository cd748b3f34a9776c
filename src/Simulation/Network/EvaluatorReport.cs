using PoQ.Simulation.Attacks;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Network;

/// <summary>The score an evaluator of the simulated network reports: one rule for the scenario's scores and for escalation answers.</summary>
internal static class EvaluatorReport
{
    /// <summary>
    /// <paramref name="honest"/> as reported: unchanged by an honest evaluator, through <see cref="Attack.Apply"/> by a
    /// malicious one (its randomness from <paramref name="attacks"/>), rounded to 0.01 like every published score.
    /// </summary>
    public static double Of(NetworkScenarioOptions options, double honest, bool malicious, AttackContext context, ref DeterministicRandom attacks) =>
        Math.Round(malicious ? Attack.Apply(options.Attack, honest, context, options.AttackParameters, ref attacks) : honest, 2);
}
