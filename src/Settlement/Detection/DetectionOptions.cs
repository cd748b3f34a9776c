using System.Globalization;

namespace PoQ.Settlement.Detection;

/// <summary>
/// Thresholds of collusion and copy detection. Defaults are ours (issue 10, item 3), chosen so that honest evaluators are
/// flagged at most about 1 % of the time: each kind of test controls its family-wise false-flag probability at
/// <see cref="FalseFlagRate"/> by Bonferroni (each pair's two p-values against α / (2 · pairs tested), copy p-values against
/// α / evaluators tested), so under the honest model the chance that <em>any</em> honest pair or evaluator is flagged is at
/// most α per kind, and the expected share of honest evaluators flagged is far below α.
/// </summary>
public sealed class DetectionOptions
{
    /// <summary>α: family-wise false-flag probability per kind of test; default 0.01.</summary>
    public double FalseFlagRate { get; init; } = 0.01;

    /// <summary>
    /// Two scores within this distance agree closely; default 0.05. Honest jitter of σ = 0.5 (the simulator's) puts two
    /// honest evaluators running the same model this close with probability erf(0.05 / (2σ)) ≈ 5.6 %, colluders who
    /// agree on a score are exactly equal.
    /// </summary>
    public double AgreementTolerance { get; init; } = 0.05;

    /// <summary>
    /// A close agreement counts only when both scores lie at least this far from the task's consensus; default 1.0. Honest
    /// evaluators tie when every score is clamped at 0 or 10, but then they agree with the consensus too; a cartel agrees
    /// with itself against the rest.
    /// </summary>
    public double MinDeviation { get; init; } = 1.0;

    /// <summary>
    /// The interior agreement test flags a pair only when the Pearson correlation of its deviations from consensus over its
    /// shared tasks is at least this; default 0.5. A cartel (or two copiers) reports one value against the rest, so its
    /// deviations move together (r = 1.00 for every copier pair on the simulator); honest pairs whose models happen to sit
    /// close agree more often than the pooled baseline says — at copy ρ = 0.3 one honest pair agreed on 7 of 45 tasks
    /// against a 1.1 % baseline (p = 7·10⁻⁷) with r = −0.15, the experiment's only false flags. Bound ties are not gated:
    /// their 1/3 bound already holds for any honest pair.
    /// </summary>
    public double MinCorrelation { get; init; } = 0.5;

    /// <summary>A score within this distance of the node's previous consensus counts as a copy; default 1e-6 (equal up to rounding).</summary>
    public double CopyTolerance { get; init; } = 1e-6;

    /// <summary>Pairs co-sampled on fewer tasks, and evaluators with fewer tasks after a known consensus, are not tested; default 10.</summary>
    public int MinTasks { get; init; } = 10;

    /// <summary>
    /// Lower bound of the honest baseline rates estimated from the population; default 0.01. A baseline estimated as 0
    /// (no honest pair ever tied) would make a single tie significant; the floor says an honest rate below 1 % is not
    /// something a few thousand tasks can tell apart from 1 %.
    /// </summary>
    public double BaselineFloor { get; init; } = 0.01;

    /// <summary>
    /// The options as <c>key=value</c> pairs (round-trip invariant numbers), in ordinal key order: what a recorded detection
    /// run carries, so a flag says which thresholds produced it.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters() =>
    [
        new("agreement_tolerance", Format(AgreementTolerance)),
        new("baseline_floor", Format(BaselineFloor)),
        new("copy_tolerance", Format(CopyTolerance)),
        new("false_flag_rate", Format(FalseFlagRate)),
        new("min_correlation", Format(MinCorrelation)),
        new("min_deviation", Format(MinDeviation)),
        new("min_tasks", MinTasks.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The parameter hash of <see cref="Parameters"/> (as a rule's: first 16 hex digits of SHA-256 over <c>detection;key=value;…</c>).</summary>
    public string Hash() => Consensus.ParameterHash.Of("detection", Parameters());

    /// <summary>Every problem, each naming its parameter; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Open(problems, "false_flag_rate", FalseFlagRate, 0, 1);
        Open(problems, "baseline_floor", BaselineFloor, 0, 1);
        if (!double.IsFinite(AgreementTolerance) || AgreementTolerance < 0)
        {
            problems.Add(Describe("agreement_tolerance", AgreementTolerance, "must be finite and ≥ 0"));
        }

        if (!double.IsFinite(MinDeviation) || MinDeviation < 0 || MinDeviation > 10)
        {
            problems.Add(Describe("min_deviation", MinDeviation, "must be within [0, 10]"));
        }

        if (!double.IsFinite(MinCorrelation) || MinCorrelation < -1 || MinCorrelation > 1)
        {
            problems.Add(Describe("min_correlation", MinCorrelation, "must be within [-1, 1]"));
        }

        if (!double.IsFinite(CopyTolerance) || CopyTolerance < 0)
        {
            problems.Add(Describe("copy_tolerance", CopyTolerance, "must be finite and ≥ 0"));
        }

        if (MinTasks < 1)
        {
            problems.Add(Describe("min_tasks", MinTasks, "must be at least 1"));
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public DetectionOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join("; ", problems));
    }

    private static void Open(List<string> problems, string name, double value, double low, double high)
    {
        if (!double.IsFinite(value) || value <= low || value >= high)
        {
            problems.Add(Describe(name, value, string.Create(CultureInfo.InvariantCulture, $"must be within ({low}, {high})")));
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(string name, double value, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: {reason}");
}
