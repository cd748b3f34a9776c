using System.Globalization;
using PoQ.Consensus;
using PoQ.Rewards;

namespace PoQ.Projections.Replay;

/// <summary>Reads back the reward parameters a <see cref="Events.MechanismConfigured"/> recorded in canonical form.</summary>
public static class RecordedRewards
{
    /// <summary>
    /// The parameters whose canonical form is <paramref name="canonical"/>, or null with a reason when a value is missing,
    /// unparseable, or the parsed set does not hash back to <paramref name="expectedHash"/> (so replay never pays with
    /// parameters that differ from the recorded ones by a rounding).
    /// </summary>
    public static (RewardParameters? Parameters, string? Problem) Parse(IReadOnlyDictionary<string, string> canonical, string expectedHash)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        try
        {
            var parameters = new RewardParameters
            {
                AlphaInference = Number(canonical, "alpha_f"),
                AlphaEvaluator = Number(canonical, "alpha_m"),
                BetaInference = Number(canonical, "beta_f"),
                BetaEvaluator = Number(canonical, "beta_m"),
                EvaluatorBudget = decimal.Parse(Text(canonical, "budget"), NumberStyles.Float, CultureInfo.InvariantCulture),
                EvaluatorLatency = new LatencyBounds(Number(canonical, "evaluator_min_ms"), Number(canonical, "evaluator_max_ms")),
                InferenceLatency = new LatencyBounds(Number(canonical, "inference_min_ms"), Number(canonical, "inference_max_ms")),
                EvaluatorMode = Text(canonical, "mode") switch
                {
                    "linear" => EvaluatorRewardMode.Linear,
                    "budget" => EvaluatorRewardMode.Budget,
                    var other => throw new FormatException($"reward parameter 'mode' = '{other}': expected linear or budget"),
                },
            };
            string hash = ParameterHash.Of("rewards", parameters.Canonical());
            return hash == expectedHash
                ? (parameters, null)
                : (null, $"recorded reward parameters hash to {hash}, not the recorded {expectedHash}");
        }
        catch (FormatException bad)
        {
            return (null, bad.Message);
        }
    }

    private static string Text(IReadOnlyDictionary<string, string> canonical, string key) =>
        canonical.TryGetValue(key, out string? value) ? value : throw new FormatException($"reward parameter '{key}' is missing");

    private static double Number(IReadOnlyDictionary<string, string> canonical, string key) =>
        double.TryParse(Text(canonical, key), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"reward parameter '{key}' = '{canonical[key]}': not a number");
}
