using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>One side of a comparison for one task: the recorded settlement or a scenario's.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Sequence">The task's rank in the recorded history's canonical order.</param>
/// <param name="InferenceNodeId">The inference node.</param>
/// <param name="Consensus">Consensus; null when insufficient.</param>
/// <param name="InferenceReward">The inference node's reward.</param>
/// <param name="Verdicts">Per evaluator.</param>
public sealed record TaskOutcome(string TaskId, long Sequence, string InferenceNodeId, double? Consensus, double InferenceReward, IReadOnlyList<RecordedVerdict> Verdicts)
{
    /// <summary>The recorded side.</summary>
    public static TaskOutcome From(TaskFinalized task, long rank)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.TaskId, rank, task.Facts.InferenceNodeId, task.Settlement.Consensus, task.Settlement.InferenceReward, task.Settlement.Verdicts);
    }

    /// <summary>A scenario's side.</summary>
    public static TaskOutcome From(ScenarioTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.TaskId, task.Sequence, task.InferenceNodeId, task.Consensus, task.InferenceReward, task.Verdicts);
    }

    /// <summary>Σ rewards paid for this task.</summary>
    public double Payout
    {
        get
        {
            double total = InferenceReward;
            // Indexed: a foreach over the interface allocates an enumerator, and this runs for every task replayed.
            for (int i = 0; i < Verdicts.Count; i++)
            {
                total += Verdicts[i].Reward;
            }

            return total;
        }
    }

    /// <summary>
    /// True when consensus, every weight, trust before/after, deviation and reward are the same doubles (bit for bit;
    /// NaN equals NaN) — what a replay with the recorded rule must give.
    /// </summary>
    public bool IdenticalTo(TaskOutcome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Same(Consensus ?? double.NaN, other.Consensus ?? double.NaN) || Consensus.HasValue != other.Consensus.HasValue
            || !Same(InferenceReward, other.InferenceReward) || Verdicts.Count != other.Verdicts.Count)
        {
            return false;
        }

        for (int i = 0; i < Verdicts.Count; i++)
        {
            var a = Verdicts[i];
            var b = other.Verdicts[i];
            if (a.EvaluatorId != b.EvaluatorId || a.Excluded != b.Excluded || a.ObservationsBefore != b.ObservationsBefore
                || !Same(a.Weight, b.Weight) || !Same(a.Deviation, b.Deviation) || !Same(a.TrustBefore, b.TrustBefore)
                || !Same(a.TrustSignal, b.TrustSignal) || !Same(a.TrustAfter, b.TrustAfter) || !Same(a.Reward, b.Reward))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
