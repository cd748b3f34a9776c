namespace PoQ.Projections.Documents;

/// <summary>An evaluator's current trust, so a restarted pipeline continues the ledger where it stopped.</summary>
public sealed class EvaluatorTrust
{
    /// <summary>The evaluator id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Current weight.</summary>
    public double Weight { get; set; }

    /// <summary>Updates applied.</summary>
    public int Observations { get; set; }

    /// <summary>Ledger sequence of the last update.</summary>
    public long Sequence { get; set; }
}
