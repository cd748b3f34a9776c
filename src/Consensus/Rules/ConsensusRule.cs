using PoQ.Consensus.Kernels;

namespace PoQ.Consensus.Rules;

/// <summary>
/// A consensus rule over the k scores of one task: a stable name, typed parameters, and a parameter hash
/// that travels with every consensus and reward event so any payout can be traced to the exact rule.
/// Rules are immutable; <see cref="ConsensusEngine"/> drives them.
/// </summary>
public abstract class ConsensusRule
{
    private string? paramsHash;

    /// <summary>The stable wire name, e.g. <c>trimmed</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Parameters in canonical form (ordinal key order, invariant round-trip values).</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The trust settings when the rule weights evaluators by trust; null otherwise.</summary>
    public virtual TrustSettings? Trust => null;

    /// <summary>
    /// First 16 hex digits of SHA-256 over <see cref="CanonicalText"/>: equal for equal rule and parameters,
    /// different when any parameter differs.
    /// </summary>
    public string ParamsHash => paramsHash ??= ParameterHash.Of(Name, Parameters);

    /// <summary><c>name;key=value;key=value</c> with keys in ordinal order.</summary>
    public string CanonicalText => ParameterHash.CanonicalText(Name, Parameters);

    /// <summary>
    /// Computes the consensus over the scores in ascending <paramref name="order"/> and marks the positions
    /// (indices into <paramref name="scores"/>) the rule ignored, e.g. the trimmed tails.
    /// </summary>
    /// <param name="scores">Validated scores in [0, 10].</param>
    /// <param name="weights">The weights in force, one per score (empty for unweighted rules).</param>
    /// <param name="order">Ascending permutation of the scores.</param>
    /// <param name="excluded">Receives true for scores that did not enter the consensus.</param>
    public abstract double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded);

    /// <summary>
    /// Writes the signal each evaluator's trust step reads (<see cref="TrustSettings.Evolve"/>); the engine calls it only
    /// when <see cref="Trust"/> is set. By default (paper Eq. 21) the deviation |s − centre| / 10 from the consensus, or
    /// from the unweighted median when <see cref="TrustSettings.MeasureFromMedian"/>.
    /// </summary>
    /// <param name="scores">Validated scores in [0, 10].</param>
    /// <param name="weights">The weights in force, one per score.</param>
    /// <param name="order">Ascending permutation of the scores.</param>
    /// <param name="consensus">The task's consensus (already within [min, max] of the scores).</param>
    /// <param name="signals">Receives one signal per score, finite and ≥ 0.</param>
    public virtual void TrustSignals(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, double consensus, Span<double> signals)
    {
        double centre = Trust is { MeasureFromMedian: true } ? Aggregates.Median(scores, order) : consensus;
        for (int i = 0; i < scores.Length; i++)
        {
            signals[i] = Math.Abs(scores[i] - centre) / 10;
        }
    }

    /// <inheritdoc />
    public override string ToString() => CanonicalText;
}
