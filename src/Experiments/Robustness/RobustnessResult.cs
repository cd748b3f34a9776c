namespace PoQ.Experiments.Robustness;

/// <summary>The robustness sweep's rows (grid order) and how long the sweep took.</summary>
/// <param name="Rows">One row per configuration, in rule, attack, ρ, k order.</param>
/// <param name="Runs">Simulation runs executed (including ρ = 0 baselines added for payout inflation).</param>
/// <param name="Elapsed">Wall time of the sweep alone.</param>
public sealed record RobustnessResult(IReadOnlyList<RobustnessRow> Rows, int Runs, TimeSpan Elapsed);
