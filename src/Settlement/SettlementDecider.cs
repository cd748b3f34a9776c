using System.Globalization;
using PoQ.Consensus;
using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;

namespace PoQ.Settlement;

/// <summary>
/// Decide for settlement: a closed window's facts and the trust in force → the recorded <see cref="TaskFinalized"/>.
/// Pure and total over valid facts: the live pipeline, replay, audit verify and the experiments all call it (or its
/// span form, <see cref="SettlementKernel"/>), so payouts are computed one way only. Evolve is
/// <see cref="Trust.TrustFold"/>: per epoch, or per task for the sequential update.
/// </summary>
public static class SettlementDecider
{
    /// <summary>
    /// Settles one task against <paramref name="trust"/>. Verdicts are in ordinal evaluator-id order; fewer accepted
    /// scores than the quorum give an <c>insufficient</c> settlement (no consensus, no rewards), never an exception.
    /// Throws <see cref="ArgumentException"/> for facts no window produces (an evaluator twice, a score outside [0, 10]).
    /// </summary>
    public static TaskFinalized Decide(TaskFacts facts, long epoch, ITrustView trust, Mechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(mechanism);
        var accepted = facts.AcceptedScores;
        int k = accepted.Count;
        if (k > ConsensusEngine.MaxScoresPerTask)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"task '{facts.TaskId}' carries {k} scores; at most {ConsensusEngine.MaxScoresPerTask}"), nameof(facts));
        }

        var ordered = new RecordedScore[k];
        for (int i = 0; i < k; i++)
        {
            ordered[i] = accepted[i];
        }

        Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.EvaluatorId, b.EvaluatorId));
        for (int i = 1; i < k; i++)
        {
            if (ordered[i].EvaluatorId == ordered[i - 1].EvaluatorId)
            {
                throw new ArgumentException($"evaluator '{ordered[i].EvaluatorId}' scored task '{facts.TaskId}' twice", nameof(facts));
            }
        }

        Span<double> scores = stackalloc double[k];
        Span<double> latencies = stackalloc double[k];
        var before = new TrustEntry[k];
        for (int i = 0; i < k; i++)
        {
            scores[i] = ordered[i].Score;
            latencies[i] = ordered[i].LatencyMs;
            before[i] = trust.Of(ordered[i].EvaluatorId);
        }

        Span<double> weights = stackalloc double[k];
        Span<bool> excluded = stackalloc bool[k];
        Span<double> deviations = stackalloc double[k];
        Span<double> signals = stackalloc double[k];
        var after = new TrustEntry[k];
        Span<double> rewards = stackalloc double[k];
        var outputs = new KernelOutputs(weights, excluded, deviations, signals, after, rewards);
        bool reached = SettlementKernel.Settle(mechanism, scores, latencies, facts.InferenceLatencyMs, before, outputs, out double consensus, out double inferenceReward);
        var settlement = new TaskSettlement
        {
            Status = reached ? TaskSettlement.Reached : TaskSettlement.Insufficient,
            Rule = mechanism.Rule.Name,
            ParamsHash = mechanism.Rule.ParamsHash,
            RewardParamsHash = mechanism.RewardParamsHash,
            MechanismHash = mechanism.Hash,
            Consensus = reached ? consensus : null,
            InferenceReward = reached ? inferenceReward : 0,
            Verdicts = reached ? Verdicts(ordered, weights, excluded, deviations, before, signals, after, rewards) : [],
        };
        return new TaskFinalized(facts, epoch, settlement);
    }

    private static RecordedVerdict[] Verdicts(
        RecordedScore[] ordered, Span<double> weights, Span<bool> excluded, Span<double> deviations, TrustEntry[] before, Span<double> signals, TrustEntry[] after, Span<double> rewards)
    {
        var verdicts = new RecordedVerdict[ordered.Length];
        for (int i = 0; i < ordered.Length; i++)
        {
            verdicts[i] = new RecordedVerdict(
                ordered[i].EvaluatorId, weights[i], excluded[i], deviations[i], before[i].Weight, before[i].Observations, signals[i], after[i].Weight, rewards[i]);
        }

        return verdicts;
    }
}
