using PoQ.Projections.Model;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledgers as a fold over settled tasks: per node, role and input partition, the count and exact sums of the
/// rewards (<see cref="LedgerAmount"/>). Exact sums commute, so the fold is the same in any order — the projection adds one
/// commit's tasks at a time, a rebuild adds them event by event, audit verify adds them in canonical order.
/// </summary>
public sealed class NodeLedgerBook
{
    private readonly Dictionary<(string Role, string NodeId, int Partition), NodeLedger> ledgers = [];

    /// <summary>All ledgers, in no particular order.</summary>
    public IReadOnlyCollection<NodeLedger> All => ledgers.Values;

    /// <summary>Adds one settled task's rewards (a task below quorum pays nothing).</summary>
    public void Add(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        var settlement = finalized.Settlement;
        if (!settlement.IsReached)
        {
            return;
        }

        int partition = finalized.Facts.TaskSource.Partition;
        var at = finalized.Facts.ClosedAt;
        Pay(RecordedRoles.Inference, finalized.Facts.InferenceNodeId, partition, settlement.InferenceReward, at);
        for (int verdictIndex = 0; verdictIndex < settlement.Verdicts.Count; verdictIndex++)
        {
            var verdict = settlement.Verdicts[verdictIndex];
            Pay(RecordedRoles.Evaluator, verdict.EvaluatorId, partition, verdict.Reward, at);
        }
    }

    private void Pay(string role, string nodeId, int partition, double reward, DateTimeOffset at)
    {
        if (!ledgers.TryGetValue((role, nodeId, partition), out var ledger))
        {
            ledger = new NodeLedger { Id = NodeLedger.IdOf(role, nodeId, partition), NodeId = nodeId, Role = role, Partition = partition };
            ledgers.Add((role, nodeId, partition), ledger);
        }

        decimal amount = LedgerAmount.Of(reward);
        ledger.Count++;
        ledger.Amount += amount;
        ledger.SumOfSquares += LedgerAmount.Square(amount);
        ledger.LastPaidAt = at > ledger.LastPaidAt ? at : ledger.LastPaidAt;
    }
}
