using System.Globalization;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>
/// Builds rules from their wire name and <c>key=value</c> parameters (CLI <c>--param</c>, recorded events),
/// reporting every problem at once, each naming the parameter.
/// </summary>
public static class RuleCatalog
{
    /// <summary>All rule names: the paper's rules, then ours, then the peer mechanism (Bittensor's Yuma).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [MeanRule.RuleName, MedianRule.RuleName, TrimmedMeanRule.RuleName, TrustWeightedMeanRule.RuleName, TrustWeightedMedianRule.RuleName, RobustTrustRule.RuleName, YumaRule.RuleName];

    private static readonly string[] TrustKeys = ["lambda", "w0", "w_min", "w_max", "flagged_weight"];

    /// <summary>Creates a rule or throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static ConsensusRule Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        if (TryCreate(name, parameters, out var rule, out var problems))
        {
            return rule;
        }

        throw new ArgumentException(string.Join("; ", problems), nameof(parameters));
    }

    /// <summary>Creates a rule, or returns false with every problem found.</summary>
    public static bool TryCreate(string name, IReadOnlyDictionary<string, string>? parameters, out ConsensusRule rule, out IReadOnlyList<string> problems)
    {
        parameters ??= new Dictionary<string, string>();
        var errors = new List<string>();
        rule = null!;
        string[] allowed = name switch
        {
            MeanRule.RuleName or MedianRule.RuleName => [],
            TrimmedMeanRule.RuleName => ["tau", "rounding"],
            TrustWeightedMeanRule.RuleName or TrustWeightedMedianRule.RuleName => TrustKeys,
            RobustTrustRule.RuleName => [.. TrustKeys, "pivot", "prior"],
            YumaRule.RuleName => ["w0", "w_min", "w_max", "flagged_weight", "kappa", "alpha"],
            _ => null!,
        };
        if (allowed is null)
        {
            problems = [$"unknown rule '{name}': expected one of {string.Join(", ", Names)}"];
            return false;
        }

        foreach (string key in parameters.Keys.Where(k => !allowed.Contains(k)))
        {
            errors.Add($"unknown parameter '{key}' for rule '{name}'" + (allowed.Length == 0 ? ": it takes none" : $": expected {string.Join(", ", allowed)}"));
        }

        var defaults = new TrustParameters();
        var trust = new TrustParameters
        {
            Lambda = Number(parameters, "lambda", defaults.Lambda, errors),
            InitialWeight = Number(parameters, "w0", defaults.InitialWeight, errors),
            MinWeight = Number(parameters, "w_min", defaults.MinWeight, errors),
            MaxWeight = Number(parameters, "w_max", defaults.MaxWeight, errors),
            FlaggedWeight = Number(parameters, "flagged_weight", defaults.FlaggedWeight, errors),
        };
        double tau = Number(parameters, "tau", 0.2, errors);
        double pivot = Number(parameters, "pivot", RobustTrustRule.DefaultPivot, errors);
        double prior = Number(parameters, "prior", RobustTrustRule.DefaultPriorStrength, errors);
        double kappa = Number(parameters, "kappa", YumaRule.DefaultKappa, errors);
        double alpha = Number(parameters, "alpha", YumaRule.DefaultAlpha, errors);
        var rounding = Rounding(parameters, errors);

        // Range checks run even when parsing or key checks already failed (unparseable values fall back to
        // valid defaults), so every problem is reported at once.
        ConsensusRule? created = null;
        try
        {
            created = name switch
            {
                MeanRule.RuleName => new MeanRule(),
                MedianRule.RuleName => new MedianRule(),
                TrimmedMeanRule.RuleName => new TrimmedMeanRule(tau, rounding),
                TrustWeightedMeanRule.RuleName => new TrustWeightedMeanRule(trust),
                TrustWeightedMedianRule.RuleName => new TrustWeightedMedianRule(trust),
                YumaRule.RuleName => new YumaRule(trust, kappa, alpha),
                _ => new RobustTrustRule(trust, pivot, prior),
            };
        }
        catch (ArgumentException invalid)
        {
            errors.Add(invalid.Message.Split(" (Parameter")[0]);
        }

        if (errors.Count == 0)
        {
            rule = created!;
        }

        problems = errors;
        return errors.Count == 0;
    }

    private static double Number(IReadOnlyDictionary<string, string> parameters, string key, double fallback, List<string> errors)
    {
        if (!parameters.TryGetValue(key, out string? text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"parameter '{key}' = '{text}': not a finite number");
        return fallback;
    }

    private static TrimRounding Rounding(IReadOnlyDictionary<string, string> parameters, List<string> errors)
    {
        if (!parameters.TryGetValue("rounding", out string? text))
        {
            return TrimRounding.Floor;
        }

        switch (text)
        {
            case "floor":
                return TrimRounding.Floor;
            case "at-least-one":
                return TrimRounding.AtLeastOne;
            default:
                errors.Add($"parameter 'rounding' = '{text}': expected floor or at-least-one");
                return TrimRounding.Floor;
        }
    }
}
