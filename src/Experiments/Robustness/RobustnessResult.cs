namespace PoQ.Experiments.Robustness;

/// <summary>The robustness sweep's rows (grid order) and how long the sweep took.</summary>
/// <param name="Rows">One row per configuration, in rule, trust epoch, attack, ρ, k order.</param>
/// <param name="Runs">Simulation runs executed (including ρ = 0 baselines added for payout inflation).</param>
/// <param name="Elapsed">Wall time of the sweep alone.</param>
/// <param name="PaperTrustEpoch">The trust epoch the paper's findings are judged at (the smallest swept).</param>
public sealed record RobustnessResult(IReadOnlyList<RobustnessRow> Rows, int Runs, TimeSpan Elapsed, double PaperTrustEpoch)
{
    /// <summary>The rows at the paper's trust epoch: one per rule, attack, ρ and k.</summary>
    public IReadOnlyList<RobustnessRow> PaperRows => [.. Rows.Where(r => r.TrustEpoch == PaperTrustEpoch)];

    /// <summary>
    /// The reference-k slice at the paper's trust epoch run again without the evaluators that are functions of a task
    /// kind's proxy (<see cref="Reliability.ProxyCircularity"/>); empty when the corpus has none.
    /// </summary>
    public IReadOnlyList<RobustnessRow> NonCircularRows { get; init; } = [];
}
