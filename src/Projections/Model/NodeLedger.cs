using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Model;

/// <summary>
/// Payout totals of one node in one role from one input partition (a row of the <c>node_ledgers</c> projection,
/// <see cref="NodeLedgerProjection"/>). Amounts are exact fixed-point sums (<see cref="LedgerAmount"/>), so the row does
/// not depend on the order rewards were added in; a node's totals are the sum over partitions (<see cref="Combine"/>).
/// </summary>
public sealed class NodeLedger
{
    /// <summary><c>role:nodeId:partition</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary><c>inference</c> or <c>evaluator</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The input partition (−1 for a combination over partitions).</summary>
    public int Partition { get; set; }

    /// <summary>Rewards received.</summary>
    public long Count { get; set; }

    /// <summary>Σ rewards, exact (<see cref="LedgerAmount"/>).</summary>
    public decimal Amount { get; set; }

    /// <summary>Σ squared rewards, exact (<see cref="LedgerAmount.Square"/>), for the variance.</summary>
    public decimal SumOfSquares { get; set; }

    /// <summary>Close time (log time) of the last task that paid this node.</summary>
    public DateTimeOffset LastPaidAt { get; set; }

    /// <summary>Σ rewards.</summary>
    public double Total => (double)Amount;

    /// <summary>Mean reward.</summary>
    public double Mean => LedgerAmount.Mean(Count, Amount);

    /// <summary>Population variance of the rewards.</summary>
    public double Variance => LedgerAmount.Variance(Count, Amount, SumOfSquares);

    /// <summary>The id for a node in a role in a partition.</summary>
    public static string IdOf(string role, string nodeId, int partition) => FormattableString.Invariant($"{role}:{nodeId}:{partition}");

    /// <summary>One node's totals over partitions (exact sums: the order of the parts does not matter).</summary>
    public static NodeLedger Combine(string role, string nodeId, IEnumerable<NodeLedger> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var combined = new NodeLedger { Id = $"{role}:{nodeId}", Role = role, NodeId = nodeId, Partition = -1 };
        foreach (var part in parts)
        {
            combined.Add(part);
        }

        return combined;
    }

    /// <summary>Adds another ledger's totals to this one.</summary>
    public void Add(NodeLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        Amount += other.Amount;
        SumOfSquares += other.SumOfSquares;
        LastPaidAt = other.LastPaidAt > LastPaidAt ? other.LastPaidAt : LastPaidAt;
    }
}
