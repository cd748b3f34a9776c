using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;

namespace PoQ.Simulation.Runs;

/// <summary>
/// The axes of a sweep: every combination of rule × trust epoch × attack × ρ × k is one run — except that rules without
/// trust never read it, so they run once per attack × ρ × k (at trust epoch 0) whatever the trust epochs.
/// </summary>
/// <param name="Rules">Consensus rules.</param>
/// <param name="Attacks">Attacks.</param>
/// <param name="MaliciousRatios">ρ values.</param>
/// <param name="Ks">Evaluators per task.</param>
/// <param name="TrustEpochs">Trust epochs in tasks per evaluator (0: sequential); null means sequential only.</param>
public sealed record SweepGrid(
    IReadOnlyList<ConsensusRule> Rules,
    IReadOnlyList<AttackKind> Attacks,
    IReadOnlyList<double> MaliciousRatios,
    IReadOnlyList<int> Ks,
    IReadOnlyList<double>? TrustEpochs = null)
{
    /// <summary>The robustness grid: all rules, six attacks, ρ ∈ {0, .1, …, .5}, k ∈ {3, 5, 7, 9}, sequential trust.</summary>
    public static SweepGrid Robustness() => new(
        RuleCatalog.Names.Select(name => RuleCatalog.Create(name)).ToArray(),
        AttackNames.Sweep,
        [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
        [3, 5, 7, 9]);

    /// <summary>The trust epochs swept (sequential only when none were given).</summary>
    public IReadOnlyList<double> Epochs => TrustEpochs is { Count: > 0 } epochs ? epochs : [0.0];

    /// <summary>Number of runs.</summary>
    public int Count => Rules.Sum(EpochsOf) * Attacks.Count * MaliciousRatios.Count * Ks.Count;

    /// <summary>The configurations in a fixed order (rule, trust epoch, attack, ρ, k), derived from a template.</summary>
    public IReadOnlyList<SimulationConfig> Expand(SimulationConfig template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var configs = new List<SimulationConfig>(Count);
        foreach (var rule in Rules)
        {
            foreach (double epoch in rule.Trust is null ? [0.0] : Epochs)
            {
                foreach (var attack in Attacks)
                {
                    foreach (double ratio in MaliciousRatios)
                    {
                        foreach (int k in Ks)
                        {
                            configs.Add(template with { Rule = rule, TrustEpoch = epoch, Attack = attack, MaliciousRatio = ratio, K = k });
                        }
                    }
                }
            }
        }

        return configs;
    }

    private int EpochsOf(ConsensusRule rule) => rule.Trust is null ? 1 : Epochs.Count;
}
