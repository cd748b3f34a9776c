using System.Globalization;

namespace PoQ.Rewards;

/// <summary>
/// Reads reward parameters back from their recorded canonical form (<see cref="RewardParameters.Canonical"/>, as
/// stored with every recorded mechanism), so audit and verification pay with exactly what was recorded.
/// </summary>
public static class RecordedRewardParameters
{
    /// <summary>Parses the canonical pairs; false with every problem when a key is missing, unknown or malformed.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> recorded, out RewardParameters parameters, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var errors = new List<string>();
        var known = new RewardParameters().Canonical().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(recorded.Keys.Where(k => !known.Contains(k)).Select(k => $"unknown reward parameter '{k}'"));
        string mode = Text(recorded, "mode", errors);
        parameters = new RewardParameters
        {
            AlphaInference = Number(recorded, "alpha_f", errors),
            BetaInference = Number(recorded, "beta_f", errors),
            AlphaEvaluator = Number(recorded, "alpha_m", errors),
            BetaEvaluator = Number(recorded, "beta_m", errors),
            InferenceLatency = new LatencyBounds(Number(recorded, "inference_min_ms", errors), Number(recorded, "inference_max_ms", errors)),
            EvaluatorLatency = new LatencyBounds(Number(recorded, "evaluator_min_ms", errors), Number(recorded, "evaluator_max_ms", errors)),
            EvaluatorMode = mode == "budget" ? EvaluatorRewardMode.Budget : EvaluatorRewardMode.Linear,
            EvaluatorBudget = Budget(recorded, errors),
        };
        if (mode is not ("linear" or "budget" or ""))
        {
            errors.Add($"reward parameter 'mode' = '{mode}': expected linear or budget");
        }

        if (errors.Count == 0)
        {
            errors.AddRange(parameters.Problems());
        }

        problems = errors;
        return errors.Count == 0;
    }

    private static string Text(IReadOnlyDictionary<string, string> recorded, string key, List<string> errors)
    {
        if (recorded.TryGetValue(key, out string? text))
        {
            return text;
        }

        errors.Add($"reward parameter '{key}' is missing");
        return "";
    }

    private static double Number(IReadOnlyDictionary<string, string> recorded, string key, List<string> errors)
    {
        string text = Text(recorded, key, errors);
        if (text.Length == 0)
        {
            return 0;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"reward parameter '{key}' = '{text}': not a finite number");
        return 0;
    }

    private static decimal Budget(IReadOnlyDictionary<string, string> recorded, List<string> errors)
    {
        string text = Text(recorded, "budget", errors);
        if (text.Length == 0)
        {
            return 0;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        errors.Add($"reward parameter 'budget' = '{text}': not a decimal number");
        return 0;
    }
}
