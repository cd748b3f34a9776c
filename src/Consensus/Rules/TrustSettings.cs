using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// How a trust-weighted rule reads and updates trust. The paper's rule uses pivot 0.5, deviation from
/// its own consensus and no prior; our robust variant changes exactly these three knobs.
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
    /// <summary>The weight the rule uses for an evaluator in the given state.</summary>
    public double WeightInForce(TrustEntry entry)
    {
        if (PriorStrength <= 0)
        {
            return entry.Weight;
        }

        double n = entry.Observations;
        return ((n * entry.Weight) + (PriorStrength * Parameters.InitialWeight)) / (n + PriorStrength);
    }

    /// <summary>The state after one task with deviation <paramref name="deviation"/>.</summary>
    public TrustEntry Evolve(TrustEntry entry, double deviation) =>
        new(TrustUpdate.Next(entry.Weight, deviation, Pivot, Parameters), entry.Observations + 1);
}
