using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Simulation.Attacks;

namespace PoQ.Simulation.Runs;

/// <summary>One configuration of the adversarial simulation. Defaults marked (ours) are not from the papers.</summary>
public sealed record SimulationConfig
{
    /// <summary>The consensus rule under test.</summary>
    public required ConsensusRule Rule { get; init; }

    /// <summary>The attack malicious evaluators mount.</summary>
    public AttackKind Attack { get; init; } = AttackKind.None;

    /// <summary>Attack strengths.</summary>
    public AttackParameters AttackParameters { get; init; } = new();

    /// <summary>Malicious fraction ρ of the pool, within [0, 1].</summary>
    public double MaliciousRatio { get; init; }

    /// <summary>Evaluators sampled per task.</summary>
    public int K { get; init; } = 5;

    /// <summary>Tasks simulated.</summary>
    public int Rounds { get; init; } = 5_000;

    /// <summary>Evaluator pool size N; default 50 (ours).</summary>
    public int PoolSize { get; init; } = 50;

    /// <summary>Master seed; every random choice derives from it.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Reward constants.</summary>
    public RewardParameters Rewards { get; init; } = new();

    /// <summary>Per-report Gaussian jitter of honest nodes around their model's score; default 0.5 (ours).</summary>
    public double HonestJitter { get; init; } = 0.5;

    /// <summary>
    /// Trust epoch in tasks per evaluator: trust folds once per epoch of that many tasks per evaluator (about
    /// E·N/k rounds), as the pipeline folds per epoch of log time; 0 (default) is the paper's sequential update.
    /// </summary>
    public double TrustEpoch { get; init; }

    /// <summary>
    /// Evaluator ids (<c>ev-1</c> …) flagged by collusion/copy detection; a trust-weighted rule with <c>flagged_weight</c>
    /// below 1 down-weights them (<see cref="PoQ.Settlement.Detection.FlaggedTrustView"/>). Default none.
    /// </summary>
    public IReadOnlyList<string> FlaggedEvaluators { get; init; } = [];

    /// <summary>
    /// Disagreement escalation (issue 10, item 4): a task whose first k scores disagree beyond the policy's threshold gets
    /// the policy's extra evaluators — the next ones of the same prefix sample, so the first k and their reports are those
    /// of the run without escalation (common random numbers). Null: no escalation.
    /// </summary>
    public Settlement.Escalation.EscalationPolicy? Escalation { get; init; }

    /// <summary>Every problem with the configuration, each naming its parameter.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(MaliciousRatio) || MaliciousRatio < 0 || MaliciousRatio > 1)
        {
            problems.Add(Describe("malicious_ratio", MaliciousRatio, "must be within [0, 1]"));
        }

        if (PoolSize < 1)
        {
            problems.Add(Describe("pool_size", PoolSize, "must be at least 1"));
        }

        if (K < 1 || K > PoolSize)
        {
            problems.Add(Describe("k", K, $"must be within [1, pool size N = {PoolSize}]"));
        }

        if (Rounds < 1)
        {
            problems.Add(Describe("rounds", Rounds, "must be at least 1"));
        }

        if (!double.IsFinite(HonestJitter) || HonestJitter < 0)
        {
            problems.Add(Describe("honest_jitter", HonestJitter, "must be finite and ≥ 0"));
        }

        if (!double.IsFinite(TrustEpoch) || TrustEpoch < 0)
        {
            problems.Add(Describe("trust_epoch", TrustEpoch, "must be finite and ≥ 0 tasks per evaluator (0: sequential)"));
        }

        if (Escalation is { } escalation)
        {
            problems.AddRange(escalation.Problems());
            if (K + escalation.Extra > PoolSize)
            {
                problems.Add(Describe("escalation_extra", escalation.Extra, $"k + extra must be at most the pool size N = {PoolSize}"));
            }
        }

        problems.AddRange(AttackParameters.Problems());
        problems.AddRange(Rewards.Problems());
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public SimulationConfig Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join("; ", problems));
    }

    private static string Describe(string name, double value, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: {reason}");
}
