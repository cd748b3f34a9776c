namespace PoQ.Consensus.Trust;

/// <summary>Read access to the trust state a task settles against: a frozen epoch snapshot or the sequential ledger.</summary>
public interface ITrustView
{
    /// <summary>The trust in force for an evaluator (w₀ and no observations when never updated).</summary>
    TrustEntry Of(string evaluatorId);
}
