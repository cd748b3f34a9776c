using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Simulation.Attacks;

namespace PoQ.Experiments;

/// <summary>
/// Settings of <c>poq experiment</c>. Defaults follow the issue (5,000 rounds, seed 42, ρ ∈ {0, .1, …, .5},
/// k ∈ {3, 5, 7, 9}); sampling defaults are ours. Every problem names its parameter and CLI option.
/// </summary>
public sealed class ExperimentOptions
{
    /// <summary>Tasks per simulation run; default 5,000.</summary>
    public int Rounds { get; init; } = 5_000;

    /// <summary>Master seed; default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Rules of the robustness sweep; default all of <see cref="RuleCatalog.Names"/>.</summary>
    public IReadOnlyList<string> Rules { get; init; } = RuleCatalog.Names;

    /// <summary>Attacks of the robustness sweep (wire names); default <see cref="AttackNames.Sweep"/>.</summary>
    public IReadOnlyList<string> Attacks { get; init; } = [.. AttackNames.Sweep.Select(AttackNames.Name)];

    /// <summary>ρ values of the robustness sweep.</summary>
    public IReadOnlyList<double> MaliciousRatios { get; init; } = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5];

    /// <summary>k values of the robustness sweep.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [3, 5, 7, 9];

    /// <summary>
    /// Trust epochs of the robustness sweep in tasks per evaluator (0: the paper's sequential update); default
    /// {0, 1, 10} (ours): sequential, an epoch about as long as one task per evaluator, and a coarse one. The paper's
    /// findings are judged at the smallest.
    /// </summary>
    public IReadOnlyList<double> TrustEpochs { get; init; } = [0.0, 1.0, 10.0];

    /// <summary>Evaluator pool size N; default 50 (ours, as the simulation).</summary>
    public int PoolSize { get; init; } = 50;

    /// <summary>k values of the sampling experiment; default {3, 5, 7, 9, 11} (ours).</summary>
    public IReadOnlyList<int> SamplingKs { get; init; } = [3, 5, 7, 9, 11];

    /// <summary>Rule of the sampling experiment; default median (ours).</summary>
    public string SamplingRule { get; init; } = "median";

    /// <summary>Attack of the sampling experiment; default noise (ours).</summary>
    public string SamplingAttack { get; init; } = "noise";

    /// <summary>ρ of the sampling experiment; default 0.2 (ours).</summary>
    public double SamplingMaliciousRatio { get; init; } = 0.2;

    /// <summary>
    /// Bootstrap replicates B behind every interval; default 1,000. Resampled over tasks (runs) or items (reliability)
    /// with a plan seeded from <see cref="Seed"/>, the same for every run, so differences between runs are paired.
    /// </summary>
    public int BootstrapResamples { get; init; } = 1_000;

    /// <summary>ρ values of the detection experiment; default {0.05, 0.1, 0.2, 0.3} (issue 10, item 3).</summary>
    public IReadOnlyList<double> DetectionMaliciousRatios { get; init; } = [0.05, 0.1, 0.2, 0.3];

    /// <summary>Evaluators per task in the detection experiment; default 5 (ours, the reference k of the findings).</summary>
    public int DetectionK { get; init; } = 5;

    /// <summary>
    /// Rule of the detection experiment; default <c>trust</c>, the paper's rule: down-weighting acts through trust weights,
    /// so it needs a trust-weighted rule.
    /// </summary>
    public string DetectionRule { get; init; } = "trust";

    /// <summary>The <c>flagged_weight</c> the down-weighted run gives flagged evaluators; default 0.1 (ours).</summary>
    public double FlaggedWeight { get; init; } = 0.1;

    /// <summary>ρ of the escalation experiment; default 0.3 (issue 10, item 4).</summary>
    public double EscalationMaliciousRatio { get; init; } = 0.3;

    /// <summary>MAD of a task's scores, in score points, above which it escalates; default 1.0 (ours: twice the honest jitter).</summary>
    public double EscalationThreshold { get; init; } = 1.0;

    /// <summary>Evaluators an escalation adds; default 3 (ours).</summary>
    public int EscalationExtra { get; init; } = 3;

    /// <summary>Render PNG plots; default true.</summary>
    public bool Plots { get; init; } = true;

    /// <summary>Every problem, each naming the parameter; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Rounds < 1)
        {
            problems.Add(Describe("rounds", "--rounds", Rounds, "must be at least 1"));
        }

        if (BootstrapResamples < 100)
        {
            problems.Add(Describe("bootstrap_resamples", "--bootstrap", BootstrapResamples, "needs at least 100 replicates for a 95 % percentile interval"));
        }

        if (PoolSize < 1)
        {
            problems.Add(Describe("pool_size", "--pool-size", PoolSize, "must be at least 1"));
        }

        CheckList(problems, "rule", "--rule", Rules);
        CheckList(problems, "attack", "--attack", Attacks);
        CheckList(problems, "malicious_ratio", "--rho", MaliciousRatios);
        CheckList(problems, "k", "--k", Ks);
        CheckList(problems, "trust_epoch", "--trust-epoch", TrustEpochs);
        foreach (double epoch in TrustEpochs ?? [])
        {
            if (!double.IsFinite(epoch) || epoch < 0)
            {
                problems.Add(Describe("trust_epoch", "--trust-epoch", epoch, "must be finite and ≥ 0 tasks per evaluator (0: sequential)"));
            }
        }

        CheckList(problems, "sampling_k", "--sampling-k", SamplingKs);
        foreach (string rule in Rules.Append(SamplingRule).Distinct(StringComparer.Ordinal))
        {
            if (!RuleCatalog.TryCreate(rule, null, out _, out var ruleProblems))
            {
                string option = rule == SamplingRule && !Rules.Contains(rule) ? "--sampling-rule" : "--rule";
                problems.Add($"parameter 'rule' ({option}) = '{rule}': {string.Join("; ", ruleProblems)}");
            }
        }

        foreach (string attack in Attacks.Append(SamplingAttack).Distinct(StringComparer.Ordinal))
        {
            if (!Enum.GetValues<AttackKind>().Any(kind => AttackNames.Name(kind) == attack))
            {
                string option = attack == SamplingAttack && !Attacks.Contains(attack) ? "--sampling-attack" : "--attack";
                problems.Add($"parameter 'attack' ({option}) = '{attack}': unknown attack; expected one of {string.Join(", ", Enum.GetValues<AttackKind>().Select(AttackNames.Name))}");
            }
        }

        foreach (double ratio in MaliciousRatios.Append(SamplingMaliciousRatio))
        {
            if (!double.IsFinite(ratio) || ratio < 0 || ratio > 1)
            {
                problems.Add(Describe("malicious_ratio", MaliciousRatios.Contains(ratio) ? "--rho" : "--sampling-rho", ratio, "ρ must be within [0, 1]"));
            }
        }

        foreach (int k in Ks)
        {
            CheckK(problems, "k", "--k", k);
        }

        foreach (int k in SamplingKs)
        {
            CheckK(problems, "sampling_k", "--sampling-k", k);
        }

        CheckK(problems, "detection_k", "--detection-k", DetectionK);
        CheckList(problems, "detection_malicious_ratio", "--detection-rho", DetectionMaliciousRatios);
        foreach (double ratio in DetectionMaliciousRatios ?? [])
        {
            if (!double.IsFinite(ratio) || ratio < 0 || ratio > 1)
            {
                problems.Add(Describe("detection_malicious_ratio", "--detection-rho", ratio, "ρ must be within [0, 1]"));
            }
        }

        if (!double.IsFinite(EscalationMaliciousRatio) || EscalationMaliciousRatio < 0 || EscalationMaliciousRatio > 1)
        {
            problems.Add(Describe("escalation_malicious_ratio", "--escalation-rho", EscalationMaliciousRatio, "ρ must be within [0, 1]"));
        }

        foreach (string problem in new Settlement.Escalation.EscalationPolicy(EscalationThreshold, EscalationExtra).Problems())
        {
            problems.Add(problem.Replace("'escalation_threshold'", "'escalation_threshold' (--escalation-threshold)", StringComparison.Ordinal)
                .Replace("'escalation_extra'", "'escalation_extra' (--escalation-extra)", StringComparison.Ordinal));
        }

        if (DetectionK + EscalationExtra > PoolSize)
        {
            problems.Add(Describe("escalation_extra", "--escalation-extra", EscalationExtra, $"k = {DetectionK} plus the extra evaluators must be at most the pool size {PoolSize}"));
        }

        var flagged = new Dictionary<string, string> { ["flagged_weight"] = FlaggedWeight.ToString("R", CultureInfo.InvariantCulture) };
        if (!RuleCatalog.TryCreate(DetectionRule, flagged, out _, out var detectionProblems))
        {
            problems.Add($"parameter 'detection_rule' (--detection-rule) = '{DetectionRule}' with flagged_weight = {flagged["flagged_weight"]}: {string.Join("; ", detectionProblems)} (down-weighting needs a trust-weighted rule)");
        }

        return problems;
    }

    /// <summary>The trust epoch the paper's findings are judged at: the smallest swept (0, sequential, by default).</summary>
    public double PaperTrustEpoch => TrustEpochs.Min();

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public ExperimentOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join("; ", problems));
    }

    private void CheckK(List<string> problems, string name, string option, int k)
    {
        if (k < 1 || k > PoolSize)
        {
            problems.Add(Describe(name, option, k, string.Create(CultureInfo.InvariantCulture, $"must be within [1, pool size N = {PoolSize}]")));
        }
    }

    private static void CheckList<T>(List<string> problems, string name, string option, IReadOnlyList<T>? values)
    {
        if (values is null || values.Count == 0)
        {
            problems.Add($"parameter '{name}' ({option}): needs at least one value");
        }
        else if (values.Distinct().Count() != values.Count)
        {
            problems.Add($"parameter '{name}' ({option}): values must be distinct");
        }
    }

    private static string Describe(string name, string option, double value, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' ({option}) = {value}: {reason}");
}
