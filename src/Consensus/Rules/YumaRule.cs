using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// <c>yuma</c>: Bittensor's Yuma consensus as a peer rule (opentensor subtensor, <c>pallets/subtensor/src/epoch/run_epoch.rs</c>
/// and <c>math.rs</c>), with the evaluators as validators, their trust weights as stake, and one task as one miner.
/// Per task: C = the stake-weighted κ-majority score (<see cref="StakeMajority"/>, κ = 0.5); every score above C is
/// clipped to it (Yuma's clipped weights); the consensus value is the stake-weighted mean of the clipped scores.
/// <para>
/// Why that mean and not C: Yuma's C_j is only the clipping threshold; what it pays miner j by is its rank
/// R_j = Σᵢ Sᵢ·W̄ᵢⱼ, the stake-weighted clipped weight (normalised over miners afterwards into an emission share). With
/// one task as the column and stake normalised, R_j is exactly Σᵢ Sᵢ·min(sᵢ, C) / Σᵢ Sᵢ on PoQ's [0, 10] scale; the share
/// across miners is what PoQ's reward formula (α_F · c / 10) already takes, so it is not normalised again here.
/// </para>
/// <para>
/// Trust is Yuma's bond, carried per evaluator (a task is not a miner that persists, so bonds cannot be kept per
/// column): each evaluator's trust signal is its bond target Tᵢ = ΔBᵢ · ΣS with ΔB = col_norm(W̄ ∘ S) (bonds from the
/// clipped weights: bonds_penalty = 1, the runtime default; the newer Yuma 3 and liquid-alpha variants are not modelled)
/// (<see cref="ClippedScores.BondTargets"/>), and its trust moves by the EMA w ← α·Tᵢ + (1 − α)·w with α = 0.1
/// (<see cref="BondEma"/>). Sequentially, where Sᵢ = wᵢ, the step conserves the task's total trust as Yuma's column
/// normalisation conserves bonds. With trust epochs the targets use the epoch's snapshot as stake, as Yuma computes ΔB
/// from the stake of its epoch.
/// </para>
/// <para>
/// What this mapping leaves out, and what it means: Yuma's validators spread weights that sum to 1 over all miners,
/// so over-scoring one miner costs them weight elsewhere. A PoQ score stands alone, so a booster clipped at C keeps the
/// bond of an evaluator at C; clipping bounds the harm to the consensus (a stake minority cannot lift C), and under-scoring
/// loses bond. Scores that were clipped still entered the consensus (at C), so none is reported as excluded.
/// </para>
/// </summary>
public sealed class YumaRule : TrustRuleBase
{
    /// <summary>The wire name.</summary>
    public const string RuleName = "yuma";

    /// <summary>Yuma's default κ: subtensor's kappa 32,767 of 65,535, the stake-weighted median.</summary>
    public const double DefaultKappa = 0.5;

    /// <summary>Yuma's default α: 1 − bonds_moving_average (900,000 of 1,000,000).</summary>
    public const double DefaultAlpha = 0.1;

    /// <summary>Creates the rule; throws <see cref="ArgumentException"/> naming every bad parameter at once.</summary>
    /// <param name="parameters">w₀, w_min, w_max (λ is not read: the bond EMA replaces Eq. 21).</param>
    /// <param name="kappa">The majority κ in (0, 1].</param>
    /// <param name="alpha">The bond EMA rate α in (0, 1].</param>
    public YumaRule(TrustParameters? parameters = null, double kappa = DefaultKappa, double alpha = DefaultAlpha)
        : base(Settings(parameters ?? new TrustParameters(), kappa, alpha)) =>
        Kappa = kappa;

    /// <inheritdoc />
    public override string Name => RuleName;

    /// <summary>The majority κ.</summary>
    public double Kappa { get; }

    /// <summary>The bond EMA rate α.</summary>
    public double Alpha => Trust.BondEmaAlpha!.Value;

    /// <summary>α, κ, w₀, w_min, w_max: what the rule reads (λ and the pivot are left out, so they cannot change its hash).</summary>
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters =>
    [
        new("alpha", Format(Alpha)),
        new("kappa", Format(Kappa)),
        new("w0", Format(Trust.Parameters.InitialWeight)),
        new("w_max", Format(Trust.Parameters.MaxWeight)),
        new("w_min", Format(Trust.Parameters.MinWeight)),
        .. FlaggedWeightParameter(),
    ];

    /// <inheritdoc />
    public override double Aggregate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, Span<bool> excluded) =>
        ClippedScores.StakeWeightedMean(scores, weights, order, StakeMajority.Consensus(scores, weights, order, Kappa));

    /// <summary>Each evaluator's bond target (<see cref="ClippedScores.BondTargets"/>), the signal of the bond EMA.</summary>
    public override void TrustSignals(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, ReadOnlySpan<int> order, double consensus, Span<double> signals) =>
        ClippedScores.BondTargets(scores, weights, order, StakeMajority.Consensus(scores, weights, order, Kappa), signals);

    private static TrustSettings Settings(TrustParameters parameters, double kappa, double alpha)
    {
        var problems = parameters.Problems().ToList();
        if (!double.IsFinite(kappa) || kappa <= 0 || kappa > 1)
        {
            problems.Add(TrustParameters.Invalid("kappa", kappa, "must be in (0, 1]"));
        }

        if (!double.IsFinite(alpha) || alpha <= 0 || alpha > 1)
        {
            problems.Add(TrustParameters.Invalid("alpha", alpha, "must be in (0, 1]"));
        }

        return problems.Count == 0
            ? new TrustSettings(parameters, Pivot: 0.5, PriorStrength: 0, MeasureFromMedian: false) { BondEmaAlpha = alpha }
            : throw new ArgumentException(string.Join("; ", problems), nameof(parameters));
    }
}
