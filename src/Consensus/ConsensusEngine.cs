using System.Globalization;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus;

/// <summary>
/// The one engine every driver calls — stream pipeline, replay, audit and simulation: given a task's
/// scores and the trust in force before it, compute the consensus, each evaluator's deviation, what the
/// rule excluded and the trust after it. Span based and allocation free so the sweeps can run millions of
/// tasks; the settlement kernel (<c>PoQ.Settlement.SettlementKernel</c>) drives it for every caller.
/// </summary>
public static class ConsensusEngine
{
    /// <summary>Upper bound on scores per task (stack buffers are sized by it).</summary>
    public const int MaxScoresPerTask = 256;

    /// <summary>
    /// Evaluates one task. Scores must be finite and within [0, 10]; misuse throws naming the score. −0.0 counts as
    /// +0.0, so the result does not depend on which zero arrived first.
    /// With no scores the result is NaN, nothing is excluded and trust is carried over unchanged.
    /// </summary>
    /// <param name="rule">The consensus rule.</param>
    /// <param name="scores">The k accepted scores, one per distinct evaluator.</param>
    /// <param name="trustBefore">Trust state of each scoring evaluator before this task (ignored by unweighted rules).</param>
    /// <param name="weightsInForce">Receives the weight each score carried (1 for unweighted rules).</param>
    /// <param name="deviations">Receives d = |s − c| / 10 against the consensus c (the reward signal).</param>
    /// <param name="excluded">Receives true for scores the rule left out (trimmed tails, outside the median).</param>
    /// <param name="trustAfter">Receives the trust state after this task (unchanged for unweighted rules).</param>
    /// <returns>The consensus c in [min score, max score], or NaN for no scores.</returns>
    public static double Evaluate(
        ConsensusRule rule,
        ReadOnlySpan<double> scores,
        ReadOnlySpan<TrustEntry> trustBefore,
        Span<double> weightsInForce,
        Span<double> deviations,
        Span<bool> excluded,
        Span<TrustEntry> trustAfter)
    {
        int k = scores.Length;
        if (k > MaxScoresPerTask)
        {
            throw new ArgumentOutOfRangeException(nameof(scores), k, $"a task carries at most {MaxScoresPerTask} scores");
        }

        return Evaluate(rule, scores, trustBefore, weightsInForce, deviations, excluded, stackalloc double[k], trustAfter);
    }

    /// <summary>
    /// As <see cref="Evaluate(ConsensusRule, ReadOnlySpan{double}, ReadOnlySpan{TrustEntry}, Span{double}, Span{double}, Span{bool}, Span{TrustEntry})"/>,
    /// and also returns each evaluator's trust signal (<see cref="ConsensusRule.TrustSignals"/>): the deviation its trust update
    /// uses — from the consensus (paper), or from the unweighted median (<see cref="TrustSettings.MeasureFromMedian"/>) —
    /// or, for <c>yuma</c>, its bond target. Epoch trust folds these
    /// signals later (<c>TrustFold</c>), so they are recorded rather than re-derived by a second copy of the rule.
    /// </summary>
    /// <param name="rule">The consensus rule.</param>
    /// <param name="scores">The k accepted scores, one per distinct evaluator.</param>
    /// <param name="trustBefore">Trust state of each scoring evaluator before this task.</param>
    /// <param name="weightsInForce">Receives the weight each score carried (1 for unweighted rules).</param>
    /// <param name="deviations">Receives d = |s − c| / 10 against the consensus c (the reward signal).</param>
    /// <param name="excluded">Receives true for scores the rule left out.</param>
    /// <param name="trustSignals">Receives the signal the trust update uses (equal to the deviation for unweighted rules).</param>
    /// <param name="trustAfter">Receives the trust state after one update step from <paramref name="trustBefore"/>.</param>
    /// <returns>The consensus c in [min score, max score], or NaN for no scores.</returns>
    public static double Evaluate(
        ConsensusRule rule,
        ReadOnlySpan<double> scores,
        ReadOnlySpan<TrustEntry> trustBefore,
        Span<double> weightsInForce,
        Span<double> deviations,
        Span<bool> excluded,
        Span<double> trustSignals,
        Span<TrustEntry> trustAfter)
    {
        ArgumentNullException.ThrowIfNull(rule);
        int k = scores.Length;
        if (k > MaxScoresPerTask)
        {
            throw new ArgumentOutOfRangeException(nameof(scores), k, $"a task carries at most {MaxScoresPerTask} scores");
        }

        if (trustBefore.Length != k || weightsInForce.Length != k || deviations.Length != k || excluded.Length != k || trustAfter.Length != k || trustSignals.Length != k)
        {
            throw new ArgumentException("every per-score span must have one slot per score");
        }

        // The validated copy holds +0.0 for −0.0 (SignedZero): the two zeros tie in the canonical order, so the
        // arrival index would otherwise decide which one a median-like rule returns.
        Span<double> valid = stackalloc double[k];
        for (int i = 0; i < k; i++)
        {
            if (!double.IsFinite(scores[i]) || scores[i] < 0 || scores[i] > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(scores), string.Create(CultureInfo.InvariantCulture, $"scores[{i}] = {scores[i]}: must be finite and within [0, 10]"));
            }

            valid[i] = SignedZero.ToPositive(scores[i]);
        }

        TrustSettings? trust = rule.Trust;
        for (int i = 0; i < k; i++)
        {
            weightsInForce[i] = trust is null ? 1.0 : trust.WeightInForce(trustBefore[i]);
        }

        trustBefore.CopyTo(trustAfter);
        excluded.Clear();
        trustSignals.Clear();
        if (k == 0)
        {
            return double.NaN;
        }

        Span<int> order = stackalloc int[k];
        SortedScores.Permutation(valid, trust is null ? [] : weightsInForce, order);
        double consensus = rule.Aggregate(valid, weightsInForce, order, excluded);

        // A rounded Σ/k can land one ulp outside the scores (three scores of 0.1 average to 0.10000000000000002);
        // the documented range [min, max] is restored so unanimous evaluators deviate by exactly 0.
        consensus = Math.Clamp(consensus, valid[order[0]], valid[order[k - 1]]);
        for (int i = 0; i < k; i++)
        {
            deviations[i] = Math.Abs(valid[i] - consensus) / 10;
            trustSignals[i] = deviations[i];
        }

        if (trust is not null)
        {
            rule.TrustSignals(valid, weightsInForce, order, consensus, trustSignals);
            for (int i = 0; i < k; i++)
            {
                trustAfter[i] = trust.Evolve(trustBefore[i], trustSignals[i]);
            }
        }

        return consensus;
    }
}
