using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;

namespace PoQ.Simulation.Runs;

/// <summary>The axes of a sweep: every combination of rule × attack × ρ × k is one run.</summary>
/// <param name="Rules">Consensus rules.</param>
/// <param name="Attacks">Attacks.</param>
/// <param name="MaliciousRatios">ρ values.</param>
/// <param name="Ks">Evaluators per task.</param>
public sealed record SweepGrid(
    IReadOnlyList<ConsensusRule> Rules,
    IReadOnlyList<AttackKind> Attacks,
    IReadOnlyList<double> MaliciousRatios,
    IReadOnlyList<int> Ks)
{
    /// <summary>The robustness grid: all rules, six attacks, ρ ∈ {0, .1, …, .5}, k ∈ {3, 5, 7, 9}.</summary>
    public static SweepGrid Robustness() => new(
        RuleCatalog.Names.Select(name => RuleCatalog.Create(name)).ToArray(),
        AttackNames.Sweep,
        [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
        [3, 5, 7, 9]);

    /// <summary>Number of runs.</summary>
    public int Count => Rules.Count * Attacks.Count * MaliciousRatios.Count * Ks.Count;

    /// <summary>The configurations in a fixed order (rule, attack, ρ, k), derived from a template.</summary>
    public IReadOnlyList<SimulationConfig> Expand(SimulationConfig template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var configs = new List<SimulationConfig>(Count);
        foreach (var rule in Rules)
        {
            foreach (var attack in Attacks)
            {
                foreach (double ratio in MaliciousRatios)
                {
                    foreach (int k in Ks)
                    {
                        configs.Add(template with { Rule = rule, Attack = attack, MaliciousRatio = ratio, K = k });
                    }
                }
            }
        }

        return configs;
    }
}
