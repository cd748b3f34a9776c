using PoQ.Projections.Documents;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledger projection as a fold over settled tasks: per node, role and input partition, count, total, mean and
/// variance of rewards (Welford). Folded in each partition's stream order — the order its owner commits in, which is
/// the partition's close order, a function of the input log — so the ledgers are the same in every run.
/// </summary>
public sealed class NodeLedgerBook
{
    private readonly Dictionary<string, NodeLedger> ledgers = new(StringComparer.Ordinal);

    /// <summary>Starts from stored documents.</summary>
    public NodeLedgerBook(IEnumerable<NodeLedger> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var ledger in stored)
        {
            ledgers[ledger.Id] = ledger;
        }
    }

    /// <summary>All ledgers.</summary>
    public IReadOnlyCollection<NodeLedger> All => ledgers.Values;

    /// <summary>Evolve: applies one settled task; returns the ledgers it touched.</summary>
    public IReadOnlyList<NodeLedger> Evolve(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        var settlement = finalized.Settlement;
        if (!settlement.IsReached)
        {
            return [];
        }

        int partition = finalized.Facts.TaskSource.Partition;
        var at = finalized.Facts.ClosedAt;
        var touched = new List<NodeLedger>(settlement.Verdicts.Count + 1)
        {
            Pay(RecordedRoles.Inference, finalized.Facts.InferenceNodeId, partition, settlement.InferenceReward, at),
        };
        foreach (var verdict in settlement.Verdicts)
        {
            touched.Add(Pay(RecordedRoles.Evaluator, verdict.EvaluatorId, partition, verdict.Reward, at));
        }

        return touched;
    }

    /// <summary>Adds one reward to a ledger (Welford's update keeps mean and variance exact in one pass).</summary>
    public static void Apply(NodeLedger ledger, double amount, DateTimeOffset paidAt)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ledger.Count++;
        ledger.Total += amount;
        double delta = amount - ledger.Mean;
        ledger.Mean += delta / ledger.Count;
        ledger.SumSquaredDeviations += delta * (amount - ledger.Mean);
        ledger.LastPaidAt = paidAt > ledger.LastPaidAt ? paidAt : ledger.LastPaidAt;
    }

    private NodeLedger Pay(string role, string nodeId, int partition, double amount, DateTimeOffset at)
    {
        string id = NodeLedger.IdOf(role, nodeId, partition);
        if (!ledgers.TryGetValue(id, out var ledger))
        {
            ledger = new NodeLedger { Id = id, NodeId = nodeId, Role = role, Partition = partition };
            ledgers[id] = ledger;
        }

        Apply(ledger, amount, at);
        return ledger;
    }
}
