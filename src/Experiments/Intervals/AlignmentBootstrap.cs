using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Intervals;

/// <summary>
/// The bootstrap of one sweep's alignment figures: its plan, regrouped by task kind once for the whole sweep. With
/// common random numbers every run draws the same item in each round, so one regrouping serves every run; a run whose
/// rounds drew other kinds (a different table or seed) gets its own, so the figures never depend on that assumption.
/// </summary>
public sealed class AlignmentBootstrap(BootstrapPlan plan, TaskKindIndex kinds)
{
    private readonly Lock gate = new();
    private StratifiedBootstrap? shared;

    /// <summary>The task kinds the figures are split by.</summary>
    public TaskKindIndex Kinds { get; } = kinds ?? throw new ArgumentNullException(nameof(kinds));

    /// <summary>The regrouped plan for a run whose rounds drew <paramref name="items"/>.</summary>
    public StratifiedBootstrap For(int[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int[] strata = Kinds.KindsOf(items);
        lock (gate)
        {
            if (shared is not null && shared.Fits(strata))
            {
                return shared;
            }
        }

        var built = new StratifiedBootstrap(plan, strata, Kinds.Kinds.Count);
        lock (gate)
        {
            shared ??= built;
        }

        return built;
    }
}
