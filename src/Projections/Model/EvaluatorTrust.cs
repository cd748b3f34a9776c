namespace PoQ.Projections.Model;

/// <summary>
/// An evaluator's current trust under the sequential update (<c>--trust-epoch 0</c>), so a restarted pipeline continues
/// the ledger where it stopped.
/// </summary>
public sealed class EvaluatorTrust
{
    /// <summary>The evaluator id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Current weight.</summary>
    public double Weight { get; set; }

    /// <summary>Updates applied.</summary>
    public int Observations { get; set; }

    /// <summary>Finalization index of the last task that updated it.</summary>
    public long Sequence { get; set; }
}
