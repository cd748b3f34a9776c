using System.Globalization;

namespace PoQ.Consensus.Trust;

/// <summary>
/// Parameters of the adaptive trust update (paper Eq. 21). Defaults are ours (design brief): the paper
/// does not state them.
/// </summary>
public sealed record TrustParameters
{
    /// <summary>Learning rate λ; default 0.2.</summary>
    public double Lambda { get; init; } = 0.2;

    /// <summary>Initial weight w₀ of an unseen evaluator; default 1.</summary>
    public double InitialWeight { get; init; } = 1.0;

    /// <summary>Lower clip w_min (the floor); default 0.1.</summary>
    public double MinWeight { get; init; } = 0.1;

    /// <summary>Upper clip w_max; default 3.</summary>
    public double MaxWeight { get; init; } = 3.0;

    /// <summary>
    /// Multiplier of the weight in force of an evaluator flagged by collusion/copy detection (issue 10, item 3:
    /// <c>--param flagged_weight=0.1</c>); default 1, which leaves every weight — and the rule's hash — as without it.
    /// Within (0, 1]: it may only lower a flagged evaluator's influence, and never to zero, so a task whose evaluators are
    /// all flagged still has a weighted consensus.
    /// </summary>
    public double FlaggedWeight { get; init; } = 1.0;

    /// <summary>All problems with these values, each naming its parameter; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (!double.IsFinite(Lambda) || Lambda <= 0 || Lambda > 1)
        {
            yield return Invalid("lambda", Lambda, "must be in (0, 1]");
        }

        if (!double.IsFinite(MinWeight) || MinWeight <= 0)
        {
            yield return Invalid("w_min", MinWeight, "must be a finite number > 0");
        }

        if (!double.IsFinite(MaxWeight) || MaxWeight < MinWeight)
        {
            yield return Invalid("w_max", MaxWeight, "must be finite and ≥ w_min");
        }

        if (!double.IsFinite(InitialWeight) || InitialWeight < MinWeight || InitialWeight > MaxWeight)
        {
            yield return Invalid("w0", InitialWeight, "must lie within [w_min, w_max]");
        }

        if (!double.IsFinite(FlaggedWeight) || FlaggedWeight <= 0 || FlaggedWeight > 1)
        {
            yield return Invalid("flagged_weight", FlaggedWeight, "must be in (0, 1]");
        }
    }

    internal static string Invalid(string name, double value, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: {reason}");
}
