using System.Globalization;

namespace PoQ.Rewards;

/// <summary>
/// Constants of the cost-aware rewards. Defaults are ours (design brief: α = 1, β = 0.5); the latency
/// bounds are ours too and are configuration, not constants.
/// </summary>
public sealed record RewardParameters
{
    /// <summary>α_F, weight of normalized quality in the inference reward.</summary>
    public double AlphaInference { get; init; } = 1.0;

    /// <summary>β_F, weight of normalized cost in the inference reward.</summary>
    public double BetaInference { get; init; } = 0.5;

    /// <summary>α_M, weight of agreement in the evaluator reward.</summary>
    public double AlphaEvaluator { get; init; } = 1.0;

    /// <summary>β_M, weight of normalized cost in the evaluator reward.</summary>
    public double BetaEvaluator { get; init; } = 0.5;

    /// <summary>Latency bounds of inference nodes; default 0–5,000 ms.</summary>
    public LatencyBounds InferenceLatency { get; init; } = new(0, 5_000);

    /// <summary>Latency bounds of evaluator nodes; default 0–1,000 ms.</summary>
    public LatencyBounds EvaluatorLatency { get; init; } = new(0, 1_000);

    /// <summary>Linear (default) or budget split.</summary>
    public EvaluatorRewardMode EvaluatorMode { get; init; } = EvaluatorRewardMode.Linear;

    /// <summary>Per-task evaluator budget in budget mode, at most 6 decimals; default 1.</summary>
    public decimal EvaluatorBudget { get; init; } = 1m;

    /// <summary>
    /// Every parameter as stable name/value pairs, as recorded with the mechanism for auditors. The hash carried by
    /// reward events covers <see cref="PayoutParameters"/>, the subset the evaluator mode pays with.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Canonical() =>
    [
        new("alpha_f", F(AlphaInference)),
        new("alpha_m", F(AlphaEvaluator)),
        new("beta_f", F(BetaInference)),
        new("beta_m", F(BetaEvaluator)),
        new("budget", EvaluatorBudget.ToString(CultureInfo.InvariantCulture)),
        new("evaluator_max_ms", F(EvaluatorLatency.MaxMs)),
        new("evaluator_min_ms", F(EvaluatorLatency.MinMs)),
        new("inference_max_ms", F(InferenceLatency.MaxMs)),
        new("inference_min_ms", F(InferenceLatency.MinMs)),
        new("mode", EvaluatorMode == EvaluatorRewardMode.Linear ? "linear" : "budget"),
    ];

    /// <summary>
    /// The canonical pairs a payout depends on, for the parameter hash: equal hashes must mean equal payouts. Budget
    /// mode splits the budget in proportion to agreement (design.md), with no cost term, so it never reads α_M, β_M or
    /// the evaluator latency bounds; they are left out there, and a budget mechanism with another β_M is the same one.
    /// Linear mode keeps every pair, the unread <c>budget</c> included: its hash is what every store recorded so far
    /// carries, and changing it would make those stores fail verification.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> PayoutParameters() =>
        EvaluatorMode == EvaluatorRewardMode.Linear
            ? Canonical()
            : [.. Canonical().Where(p => !LinearEvaluatorOnly.Contains(p.Key))];

    private static readonly string[] LinearEvaluatorOnly = ["alpha_m", "beta_m", "evaluator_max_ms", "evaluator_min_ms"];

    /// <summary>Every problem with these parameters, each naming the parameter; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, "alpha_f", AlphaInference);
        Check(problems, "beta_f", BetaInference);
        Check(problems, "alpha_m", AlphaEvaluator);
        Check(problems, "beta_m", BetaEvaluator);
        problems.AddRange(InferenceLatency.Problems("inference"));
        problems.AddRange(EvaluatorLatency.Problems("evaluator"));
        if (EvaluatorBudget < 0 || decimal.Round(EvaluatorBudget, 6) != EvaluatorBudget)
        {
            problems.Add($"parameter 'budget' = {EvaluatorBudget.ToString(CultureInfo.InvariantCulture)}: must be ≥ 0 with at most 6 decimals");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public RewardParameters Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join("; ", problems));
    }

    private static void Check(List<string> problems, string name, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: must be a finite number ≥ 0"));
        }
    }

    // −0.0 passes validation (it is not below 0) but "R" writes it as "-0": mapped to +0.0 so that equal parameters
    // have one canonical text and one hash.
    private static string F(double value) => (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);
}
