namespace PoQ.Projections.Documents;

/// <summary>
/// Running payout totals of one node in one role from one input partition (the node ledger behind <c>poq status</c>,
/// a row of <see cref="Ledgers.NodeLedgerTable"/>). Per partition, because partitions commit concurrently and each is
/// written by its owner only; a node's totals are the combination over partitions (<see cref="Combine"/>).
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

    /// <summary>Σ rewards.</summary>
    public double Total { get; set; }

    /// <summary>Mean reward (Welford).</summary>
    public double Mean { get; set; }

    /// <summary>Σ squared deviations from the mean (Welford), for the variance.</summary>
    public double SumSquaredDeviations { get; set; }

    /// <summary>Close time (log time) of the last task that paid this node.</summary>
    public DateTimeOffset LastPaidAt { get; set; }

    /// <summary>Population variance of the rewards.</summary>
    public double Variance => Count == 0 ? 0 : SumSquaredDeviations / Count;

    /// <summary>The id for a node in a role in a partition.</summary>
    public static string IdOf(string role, string nodeId, int partition) => FormattableString.Invariant($"{role}:{nodeId}:{partition}");

    /// <summary>
    /// One node's totals over partitions, combined in ascending partition order with Chan et al.'s parallel update of
    /// mean and squared deviations (so the result does not depend on the order the database returns rows in).
    /// </summary>
    public static NodeLedger Combine(string role, string nodeId, IEnumerable<NodeLedger> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var combined = new NodeLedger { Id = $"{role}:{nodeId}", Role = role, NodeId = nodeId, Partition = -1 };
        foreach (var part in parts.OrderBy(p => p.Partition))
        {
            if (part.Count == 0)
            {
                continue;
            }

            long count = combined.Count + part.Count;
            double delta = part.Mean - combined.Mean;
            combined.SumSquaredDeviations += part.SumSquaredDeviations + (delta * delta * combined.Count * part.Count / count);
            combined.Mean += delta * part.Count / count;
            combined.Count = count;
            combined.Total += part.Total;
            combined.LastPaidAt = part.LastPaidAt > combined.LastPaidAt ? part.LastPaidAt : combined.LastPaidAt;
        }

        return combined;
    }
}
