using PoQ.Consensus.Trust;

namespace PoQ.Settlement;

/// <summary>Where <see cref="SettlementKernel.Settle"/> writes its per-evaluator results (one slot per score each).</summary>
/// <param name="Weights">Weight in force.</param>
/// <param name="Excluded">Left out by the rule.</param>
/// <param name="Deviations">d = |s − c| / 10 (reward signal).</param>
/// <param name="TrustSignals">Deviation the trust update uses.</param>
/// <param name="TrustAfter">Trust after one step.</param>
/// <param name="Rewards">Evaluator rewards.</param>
public readonly ref struct KernelOutputs(Span<double> Weights, Span<bool> Excluded, Span<double> Deviations, Span<double> TrustSignals, Span<TrustEntry> TrustAfter, Span<double> Rewards)
{
    /// <summary>Weight in force.</summary>
    public Span<double> Weights { get; } = Weights;

    /// <summary>Left out by the rule.</summary>
    public Span<bool> Excluded { get; } = Excluded;

    /// <summary>d = |s − c| / 10.</summary>
    public Span<double> Deviations { get; } = Deviations;

    /// <summary>Deviation the trust update uses.</summary>
    public Span<double> TrustSignals { get; } = TrustSignals;

    /// <summary>Trust after one step.</summary>
    public Span<TrustEntry> TrustAfter { get; } = TrustAfter;

    /// <summary>Evaluator rewards.</summary>
    public Span<double> Rewards { get; } = Rewards;
}
