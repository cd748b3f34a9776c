using PoQ.Projections.Documents;
using PoQ.Projections.Events;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledger projection as a fold over <see cref="TaskFinalized"/>: per node and role, count, total,
/// mean and variance of rewards (Welford). The pipeline keeps the book in memory, evolves it with each
/// settled task and stores the touched documents in the same transaction as the events.
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

    /// <summary>Evolve: applies one finalized task; returns the ledgers it touched.</summary>
    public IEnumerable<NodeLedger> Evolve(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        var settlement = finalized.Settlement;
        if (settlement.Status != Settlement.Reached)
        {
            yield break;
        }

        yield return Pay(RecordedRoles.Inference, finalized.Facts.InferenceNodeId, settlement.InferenceReward, finalized.Sequence);
        foreach (var verdict in settlement.Verdicts)
        {
            yield return Pay(RecordedRoles.Evaluator, verdict.EvaluatorId, verdict.Reward, finalized.Sequence);
        }
    }

    /// <summary>Adds one reward to a ledger (Welford's update keeps mean and variance exact in one pass).</summary>
    public static void Apply(NodeLedger ledger, double amount, long sequence)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ledger.Count++;
        ledger.Total += amount;
        double delta = amount - ledger.Mean;
        ledger.Mean += delta / ledger.Count;
        ledger.SumSquaredDeviations += delta * (amount - ledger.Mean);
        ledger.LastSequence = sequence;
    }

    private NodeLedger Pay(string role, string nodeId, double amount, long sequence)
    {
        string id = NodeLedger.IdOf(role, nodeId);
        if (!ledgers.TryGetValue(id, out var ledger))
        {
            ledger = new NodeLedger { Id = id, NodeId = nodeId, Role = role };
            ledgers[id] = ledger;
        }

        Apply(ledger, amount, sequence);
        return ledger;
    }
}
