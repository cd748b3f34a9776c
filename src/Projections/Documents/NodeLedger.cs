namespace PoQ.Projections.Documents;

/// <summary>Running payout totals of one node in one role (the node ledger projection behind <c>poq status</c>).</summary>
public sealed class NodeLedger
{
    /// <summary><c>role:nodeId</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary><c>inference</c> or <c>evaluator</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Rewards received.</summary>
    public long Count { get; set; }

    /// <summary>Σ rewards.</summary>
    public double Total { get; set; }

    /// <summary>Mean reward (Welford).</summary>
    public double Mean { get; set; }

    /// <summary>Σ squared deviations from the mean (Welford), for the variance.</summary>
    public double SumSquaredDeviations { get; set; }

    /// <summary>Sequence of the last task that paid this node.</summary>
    public long LastSequence { get; set; }

    /// <summary>Population variance of the rewards.</summary>
    public double Variance => Count == 0 ? 0 : SumSquaredDeviations / Count;

    /// <summary>The id for a node in a role.</summary>
    public static string IdOf(string role, string nodeId) => $"{role}:{nodeId}";
}
