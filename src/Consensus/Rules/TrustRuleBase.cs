using System.Globalization;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Rules;

/// <summary>Shared shape of the trust-weighted rules: validated trust parameters and their canonical form.</summary>
public abstract class TrustRuleBase : ConsensusRule
{
    private readonly TrustSettings settings;

    /// <summary>Validates and stores the settings; throws naming every bad parameter at once.</summary>
    protected TrustRuleBase(TrustSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Parameters.Problems().ToList();
        if (!double.IsFinite(settings.Pivot) || settings.Pivot <= 0 || settings.Pivot > 1)
        {
            problems.Add(TrustParameters.Invalid("pivot", settings.Pivot, "must be in (0, 1]"));
        }

        if (!double.IsFinite(settings.PriorStrength) || settings.PriorStrength < 0)
        {
            problems.Add(TrustParameters.Invalid("prior", settings.PriorStrength, "must be a finite number ≥ 0"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        this.settings = settings;
    }

    /// <inheritdoc />
    public override TrustSettings Trust => settings;

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters
    {
        get
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("lambda", Format(settings.Parameters.Lambda)),
                new("w0", Format(settings.Parameters.InitialWeight)),
                new("w_max", Format(settings.Parameters.MaxWeight)),
                new("w_min", Format(settings.Parameters.MinWeight)),
            };
            parameters.AddRange(ExtraParameters());
            parameters.AddRange(FlaggedWeightParameter());
            return parameters;
        }
    }

    /// <summary>
    /// <c>flagged_weight</c> when it is not 1: a rule without down-weighting keeps the canonical text and hash it had
    /// before the option existed, so recorded hashes stay valid.
    /// </summary>
    protected IEnumerable<KeyValuePair<string, string>> FlaggedWeightParameter() =>
        settings.Parameters.FlaggedWeight == 1.0 ? [] : [new("flagged_weight", Format(settings.Parameters.FlaggedWeight))];

    /// <summary>Parameters beyond λ, w₀, w_min, w_max that this rule exposes.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraParameters() => [];

    /// <summary>
    /// Invariant round-trip formatting: the hash must not depend on the machine's culture, nor on the sign of a zero
    /// ("R" writes −0.0 as "-0", which would give one rule two hashes).
    /// </summary>
    protected static string Format(double value) => SignedZero.ToPositive(value).ToString("R", CultureInfo.InvariantCulture);
}
