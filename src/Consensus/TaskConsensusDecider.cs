using PoQ.Consensus.Outcomes;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus;

/// <summary>
/// Decide for one task window keyed by evaluator ids: sorts the scores into the stated update order
/// (ordinal evaluator id), reads trust, runs <see cref="ConsensusEngine"/> and returns the outcome as a value.
/// </summary>
public static class TaskConsensusDecider
{
    /// <summary>
    /// Decides the consensus of a task. Fewer than <paramref name="quorum"/> scores (or none) yields an
    /// <see cref="ConsensusStatus.Insufficient"/> outcome, never an exception.
    /// </summary>
    /// <param name="taskId">The task.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="scores">Accepted scores, one per evaluator.</param>
    /// <param name="trustOf">The trust in force for an evaluator before this task.</param>
    /// <param name="quorum">Minimum number of scores; at least 1.</param>
    public static TaskConsensus Decide(string taskId, ConsensusRule rule, IReadOnlyList<EvaluatorScore> scores, Func<string, TrustEntry> trustOf, int quorum = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(trustOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);

        var ordered = scores.OrderBy(s => s.EvaluatorId, StringComparer.Ordinal).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].EvaluatorId == ordered[i - 1].EvaluatorId)
            {
                throw new ArgumentException($"evaluator '{ordered[i].EvaluatorId}' scored task '{taskId}' twice", nameof(scores));
            }
        }

        int k = ordered.Length;
        var before = new TrustEntry[k];
        var values = new double[k];
        for (int i = 0; i < k; i++)
        {
            values[i] = ordered[i].Score;
            before[i] = trustOf(ordered[i].EvaluatorId);
        }

        if (k < quorum)
        {
            var untouched = ordered.Select((s, i) => new EvaluatorVerdict(s.EvaluatorId, s.Score, double.NaN, false, double.NaN, before[i], before[i])).ToArray();
            return new TaskConsensus(taskId, ConsensusStatus.Insufficient, double.NaN, rule.Name, rule.ParamsHash, untouched);
        }

        var weights = new double[k];
        var deviations = new double[k];
        var excluded = new bool[k];
        var after = new TrustEntry[k];
        double consensus = ConsensusEngine.Evaluate(rule, values, before, weights, deviations, excluded, after);
        var verdicts = new EvaluatorVerdict[k];
        for (int i = 0; i < k; i++)
        {
            verdicts[i] = new EvaluatorVerdict(ordered[i].EvaluatorId, values[i], weights[i], excluded[i], deviations[i], before[i], after[i]);
        }

        return new TaskConsensus(taskId, ConsensusStatus.Reached, consensus, rule.Name, rule.ParamsHash, verdicts);
    }
}
