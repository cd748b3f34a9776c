using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// How a trust-weighted rule reads and updates trust. The paper's rule uses pivot 0.5, deviation from
/// its own consensus and no prior; our robust variant changes exactly these three knobs. <c>yuma</c> replaces the
/// Eq. 21 step itself by Yuma's bond EMA (<see cref="BondEmaAlpha"/>).
/// </summary>
/// <param name="Parameters">λ, w₀, w_min, w_max.</param>
/// <param name="Pivot">The deviation at which a weight stays unchanged (paper: 0.5).</param>
/// <param name="PriorStrength">
/// Cold-start prior m: the weight used for a task is (n·w + m·w₀)/(n + m) after n updates, so an
/// evaluator has to earn influence over several tasks. 0 disables the prior (paper).
/// </param>
/// <param name="MeasureFromMedian">
/// True: deviation is measured from the unweighted median of the task's scores instead of the consensus, so a
/// coalition whose accumulated trust pulls the consensus cannot also pull the yardstick it is judged by.
/// </param>
public sealed record TrustSettings(TrustParameters Parameters, double Pivot, double PriorStrength, bool MeasureFromMedian)
{
    /// <summary>
    /// Null: the paper's Eq. 21 step, whose signal is a deviation d (<see cref="TrustUpdate"/>). Set: Yuma's bond EMA with
    /// this α, whose signal is the evaluator's bond target in weight units (<see cref="BondEma"/>); λ and the pivot are
    /// then unused. The step lives here, not in the rule, because the epoch fold (<c>TrustFold</c>) folds recorded
    /// signals with the settings alone.
    /// </summary>
    public double? BondEmaAlpha { get; init; }

    /// <summary>
    /// The weight the rule uses for an evaluator in the given state: its trust (shrunk by the cold-start prior), times
    /// <see cref="TrustParameters.FlaggedWeight"/> when the view marks it <see cref="TrustEntry.Flagged"/>.
    /// </summary>
    public double WeightInForce(TrustEntry entry)
    {
        double weight = entry.Weight;
        if (PriorStrength > 0)
        {
            double n = entry.Observations;
            weight = ((n * entry.Weight) + (PriorStrength * Parameters.InitialWeight)) / (n + PriorStrength);
        }

        return entry.Flagged ? weight * Parameters.FlaggedWeight : weight;
    }

    /// <summary>The state after one task whose trust signal was <paramref name="signal"/> (a deviation, or a bond target under <see cref="BondEmaAlpha"/>).</summary>
    public TrustEntry Evolve(TrustEntry entry, double signal) =>
        new(
            BondEmaAlpha is double alpha ? BondEma.Next(entry.Weight, signal, alpha, Parameters) : TrustUpdate.Next(entry.Weight, signal, Pivot, Parameters),
            entry.Observations + 1);
}
