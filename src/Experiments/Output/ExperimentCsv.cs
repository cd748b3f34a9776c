using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using PoQ.Experiments.Sampling;
using PoQ.Simulation.Statistics;
using static PoQ.Experiments.Output.Csv;

namespace PoQ.Experiments.Output;

/// <summary>The three CSV files of <c>poq experiment</c>; contract columns first, extra columns after them.</summary>
public static class ExperimentCsv
{
    /// <summary>The contract columns of <c>robustness.csv</c>, in order.</summary>
    public static IReadOnlyList<string> RobustnessContract { get; } =
        ["rule", "attack", "malicious_ratio", "k", "rounds", "mae", "pearson", "spearman", "inference_reward_mean", "inference_reward_std", "evaluator_reward_mean", "evaluator_reward_std", "payout_inflation"];

    /// <summary>All columns of <c>robustness.csv</c>.</summary>
    public static IReadOnlyList<string> RobustnessHeader { get; } =
    [
        .. RobustnessContract, "honest_evaluator_reward_mean", "honest_evaluator_reward_std", "malicious_evaluator_reward_mean", "malicious_evaluator_reward_std",
        "inference_payout", "evaluator_payout", "malicious_payout_share", "payoff_std_across_evaluators", "honest_trust_mean", "malicious_trust_mean", "seed", "params_hash", "data_source", "trust_epoch",
        "mae_ci_low", "mae_ci_high", "mae_qa", "mae_qa_ci_low", "mae_qa_ci_high", "mae_summarization", "mae_summarization_ci_low", "mae_summarization_ci_high",
    ];

    /// <summary>The contract columns of <c>reliability.csv</c>, in order (after <c>row_type</c>).</summary>
    public static IReadOnlyList<string> ReliabilityContract { get; } = ["evaluator", "task", "pearson", "spearman", "mae"];

    /// <summary>All columns of <c>reliability.csv</c>.</summary>
    public static IReadOnlyList<string> ReliabilityHeader { get; } =
        ["row_type", .. ReliabilityContract, "sign_inversion", "system", "n", "mean_score", "mean_proxy", "pearson_second_proxy", "data_source",
         "pearson_ci_low", "pearson_ci_high", "proxy_circular", "second_proxy_circular"];

    /// <summary>The contract columns of <c>sampling.csv</c>, in order.</summary>
    public static IReadOnlyList<string> SamplingContract { get; } =
        ["rule", "attack", "malicious_ratio", "k", "rounds", "reward_mode", "evaluator_reward_mean", "evaluator_reward_variance", "inference_reward_mean", "inference_reward_variance"];

    /// <summary>All columns of <c>sampling.csv</c>.</summary>
    public static IReadOnlyList<string> SamplingHeader { get; } =
    [
        .. SamplingContract, "evaluator_reward_std", "inference_reward_std", "evaluator_payoff_mean", "evaluator_payoff_variance",
        "honest_evaluator_reward_mean", "malicious_evaluator_reward_mean", "mae", "pearson", "spearman", "pool_size", "seed", "data_source",
        "evaluator_reward_mean_ci_low", "evaluator_reward_mean_ci_high", "evaluator_payoff_variance_ci_low", "evaluator_payoff_variance_ci_high",
        "inference_reward_mean_ci_low", "inference_reward_mean_ci_high",
    ];

    /// <summary><c>robustness.csv</c> text.</summary>
    public static string Robustness(IReadOnlyList<RobustnessRow> rows, ulong seed, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(RobustnessHeader, rows.Select(r => (IReadOnlyList<string>)
        [
            Text(r.Rule), Text(r.Attack), Number(r.MaliciousRatio), Number(r.K), Number(r.Metrics.Rounds),
            Number(r.Metrics.Mae), Number(r.Metrics.Pearson), Number(r.Metrics.Spearman),
            Number(r.Metrics.InferenceRewardMean), Number(r.Metrics.InferenceRewardStd),
            Number(r.Metrics.EvaluatorRewardMean), Number(r.Metrics.EvaluatorRewardStd), Number(r.PayoutInflation),
            Number(r.Metrics.HonestRewardMean), Number(r.Metrics.HonestRewardStd), Number(r.Metrics.MaliciousRewardMean), Number(r.Metrics.MaliciousRewardStd),
            Number(r.Metrics.InferencePayout), Number(r.Metrics.EvaluatorPayout), Number(r.MaliciousPayoutShare), Number(r.Metrics.PayoffStdAcrossEvaluators),
            Number(r.Metrics.HonestTrustMean), Number(r.Metrics.MaliciousTrustMean), seed.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ParamsHash, Text(dataSource), Number(r.TrustEpoch),
            Number(r.Alignment.Mae.Low), Number(r.Alignment.Mae.High), .. Interval(r.Alignment.MaeOn("qa"), withValue: true), .. Interval(r.Alignment.MaeOn("summarization"), withValue: true),
        ]));
    }

    /// <summary>Columns of <c>trust_epochs.csv</c>: each trust-weighted run at a trust epoch beside its sequential counterpart.</summary>
    public static IReadOnlyList<string> TrustEpochsHeader { get; } =
    [
        "rule", "attack", "malicious_ratio", "k", "trust_epoch", "reference_trust_epoch", "rounds",
        "mae", "mae_reference", "mae_cost",
        "inference_payout", "inference_payout_reference", "inference_payout_change",
        "evaluator_payout", "evaluator_payout_reference", "evaluator_payout_change",
        "malicious_payout_share", "malicious_payout_share_reference", "malicious_payout_share_change",
        "honest_trust_mean", "malicious_trust_mean", "seed", "params_hash", "data_source",
    ];

    /// <summary><c>trust_epochs.csv</c> text.</summary>
    public static string TrustEpochs(IReadOnlyList<TrustEpochCost> costs, ulong seed, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return Build(TrustEpochsHeader, costs.Select(c => (IReadOnlyList<string>)
        [
            Text(c.Epoch.Rule), Text(c.Epoch.Attack), Number(c.Epoch.MaliciousRatio), Number(c.Epoch.K), Number(c.Epoch.TrustEpoch), Number(c.Sequential.TrustEpoch), Number(c.Epoch.Metrics.Rounds),
            Number(c.Epoch.Metrics.Mae), Number(c.Sequential.Metrics.Mae), Number(c.MaeCost),
            Number(c.Epoch.Metrics.InferencePayout), Number(c.Sequential.Metrics.InferencePayout), Number(c.InferencePayoutChange),
            Number(c.Epoch.Metrics.EvaluatorPayout), Number(c.Sequential.Metrics.EvaluatorPayout), Number(c.EvaluatorPayoutChange),
            Number(c.Epoch.MaliciousPayoutShare), Number(c.Sequential.MaliciousPayoutShare), Number(c.MaliciousShareChange),
            Number(c.Epoch.Metrics.HonestTrustMean), Number(c.Epoch.Metrics.MaliciousTrustMean), seed.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Epoch.ParamsHash, Text(dataSource),
        ]));
    }

    /// <summary><c>reliability.csv</c> text.</summary>
    public static string Reliability(IReadOnlyList<ReliabilityRow> rows, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(ReliabilityHeader, rows.Select(r => (IReadOnlyList<string>)
        [
            r.RowType, Text(r.Evaluator), Text(r.Task), Number(r.Pearson), Number(r.Spearman), Number(r.Mae),
            r.RowType == "evaluator" ? Bool(r.SignInversion) : string.Empty, Text(r.System), Number(r.Count),
            Number(r.MeanScore), Number(r.MeanProxy), Number(r.PearsonSecondProxy), Text(dataSource),
            .. Interval(r.PearsonEstimate, withValue: false),
            r.RowType == "evaluator" ? Bool(r.ProxyCircular) : string.Empty, r.RowType == "evaluator" ? Bool(r.SecondProxyCircular) : string.Empty,
        ]));
    }

    /// <summary><c>sampling.csv</c> text.</summary>
    public static string Sampling(IReadOnlyList<SamplingRow> rows, ulong seed, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(SamplingHeader, rows.Select(r => (IReadOnlyList<string>)
        [
            Text(r.Rule), Text(r.Attack), Number(r.MaliciousRatio), Number(r.K), Number(r.Metrics.Rounds), r.RewardMode,
            Number(r.Metrics.EvaluatorRewardMean), Number(r.EvaluatorRewardVariance), Number(r.Metrics.InferenceRewardMean), Number(r.InferenceRewardVariance),
            Number(r.Metrics.EvaluatorRewardStd), Number(r.Metrics.InferenceRewardStd), Number(r.EvaluatorPayoffMean), Number(r.EvaluatorPayoffVariance),
            Number(r.Metrics.HonestRewardMean), Number(r.Metrics.MaliciousRewardMean), Number(r.Metrics.Mae), Number(r.Metrics.Pearson), Number(r.Metrics.Spearman),
            Number(r.PoolSize), seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(dataSource),
            .. Interval(r.Rewards.EvaluatorRewardPerReport, withValue: false), .. Interval(r.Rewards.EvaluatorPayoffVariance, withValue: false),
            .. Interval(r.Rewards.InferenceRewardMean, withValue: false),
        ]));
    }

    // [value,] low, high of a 95 % interval; empty cells when the figure was not measured.
    private static IEnumerable<string> Interval(Estimate? estimate, bool withValue)
    {
        if (withValue)
        {
            yield return estimate is null ? string.Empty : Number(estimate.Value);
        }

        yield return estimate is null ? string.Empty : Number(estimate.Low);
        yield return estimate is null ? string.Empty : Number(estimate.High);
    }
}
