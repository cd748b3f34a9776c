using PoQ.Settlement.Events;

namespace PoQ.Projections.Ledgers;

/// <summary>The evaluator ledgers as an order-independent fold over settled tasks (see <see cref="EvaluatorLedger"/>).</summary>
public sealed class EvaluatorLedgerBook
{
    private readonly Dictionary<(string EvaluatorId, int Partition), EvaluatorLedger> ledgers = [];

    /// <summary>All ledgers, in no particular order.</summary>
    public IReadOnlyCollection<EvaluatorLedger> All => ledgers.Values;

    /// <summary>Adds one recorded task.</summary>
    public void Add(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var facts = task.Facts;
        int partition = facts.TaskSource.Partition;
        foreach (string evaluator in facts.AskedEvaluators())
        {
            Ledger(evaluator, partition).Sampled++;
        }

        for (int scoreIndex = 0; scoreIndex < facts.AcceptedScores.Count; scoreIndex++)
        {
            var score = facts.AcceptedScores[scoreIndex];
            Ledger(score.EvaluatorId, partition).Scored++;
        }

        if (!task.Settlement.IsReached)
        {
            return;
        }

        for (int verdictIndex = 0; verdictIndex < task.Settlement.Verdicts.Count; verdictIndex++)
        {
            var verdict = task.Settlement.Verdicts[verdictIndex];
            var ledger = Ledger(verdict.EvaluatorId, partition);
            decimal deviation = LedgerAmount.Of(verdict.Deviation);
            ledger.Settled++;
            ledger.Excluded += verdict.Excluded ? 1 : 0;
            ledger.DeviationSum += deviation;
            ledger.DeviationSquares += LedgerAmount.Square(deviation);
            ledger.DeviationMin = Math.Min(ledger.DeviationMin, verdict.Deviation);
            ledger.DeviationMax = Math.Max(ledger.DeviationMax, verdict.Deviation);
            if (ledger.IsLater(facts.ClosedAt, task.TaskId))
            {
                ledger.LastClosedAt = facts.ClosedAt;
                ledger.LastTaskId = task.TaskId;
                ledger.Trust = verdict.TrustAfter;
            }
        }
    }

    private EvaluatorLedger Ledger(string evaluatorId, int partition)
    {
        if (!ledgers.TryGetValue((evaluatorId, partition), out var ledger))
        {
            ledger = new EvaluatorLedger { EvaluatorId = evaluatorId, Partition = partition };
            ledgers.Add((evaluatorId, partition), ledger);
        }

        return ledger;
    }
}
