using System.Globalization;
using PoQ.Simulation.Attacks;

namespace PoQ.Simulation.Network;

/// <summary>A seeded simulated network: inference nodes answer tasks, k sampled evaluators score them. Defaults are ours.</summary>
public sealed record NetworkScenarioOptions
{
    /// <summary>Tasks to generate.</summary>
    public int Tasks { get; init; } = 10_000;

    /// <summary>Evaluator pool size N.</summary>
    public int Evaluators { get; init; } = 50;

    /// <summary>Inference nodes.</summary>
    public int InferenceNodes { get; init; } = 10;

    /// <summary>Evaluators sampled per task.</summary>
    public int K { get; init; } = 5;

    /// <summary>Malicious fraction ρ of the evaluator pool.</summary>
    public double MaliciousRatio { get; init; } = 0.2;

    /// <summary>What malicious evaluators do.</summary>
    public AttackKind Attack { get; init; } = AttackKind.Boost;

    /// <summary>Attack strengths.</summary>
    public AttackParameters AttackParameters { get; init; } = new();

    /// <summary>Standard deviation of an honest evaluator's error; each evaluator gets 0.5–1.5× this.</summary>
    public double HonestNoise { get; init; } = 0.7;

    /// <summary>Fraction of extra, deliberately bad messages (each kind of dead letter in turn).</summary>
    public double BadMessageRatio { get; init; } = 0.01;

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Event time of the first task (the simulator reads no clock).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Simulated time between two tasks; default 10 ms (100 tasks per second of log time). A network ingesting N score
    /// events per second has about k / N between tasks: the ingest bench uses that density.
    /// </summary>
    public TimeSpan TaskInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Simulated time between clock records in every partition (they move idle partitions' stream time); default 5 s.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far after the last task the final clock record is stamped; default 1 min — longer than any window deadline,
    /// unknown-task wait and trust-epoch lag the pipeline is run with, so every window and epoch of the run closes.
    /// </summary>
    public TimeSpan FinalTick { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Prefix of task ids, so several runs can share a broker without colliding.</summary>
    public string RunId { get; init; } = "sim";

    /// <summary>
    /// The public seed of the evaluator draw (<c>hash-rank-v1</c>): each task's evaluators are drawn from the whole pool
    /// by the rule a pipeline checks, not by the simulation's random stream.
    /// </summary>
    public string SamplingSeed { get; init; } = Settlement.Sampling.EvaluatorDraw.DefaultSeed;

    /// <summary>Every problem, naming the parameter.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, Tasks >= 1, "tasks", Tasks, "must be at least 1");
        Check(problems, Evaluators >= 1, "evaluators", Evaluators, "must be at least 1");
        Check(problems, InferenceNodes >= 1, "inference_nodes", InferenceNodes, "must be at least 1");
        Check(problems, K >= 1 && K <= Evaluators, "k", K, $"must be within [1, evaluators = {Evaluators}]");
        Check(problems, double.IsFinite(MaliciousRatio) && MaliciousRatio >= 0 && MaliciousRatio <= 1, "malicious_ratio", MaliciousRatio, "must be within [0, 1]");
        Check(problems, double.IsFinite(HonestNoise) && HonestNoise >= 0, "honest_noise", HonestNoise, "must be finite and ≥ 0");
        Check(problems, double.IsFinite(BadMessageRatio) && BadMessageRatio >= 0 && BadMessageRatio <= 1, "bad_message_ratio", BadMessageRatio, "must be within [0, 1]");
        Check(problems, TaskInterval > TimeSpan.Zero, "task_interval", TaskInterval.TotalSeconds, "must be positive (seconds)");
        Check(problems, TickInterval > TimeSpan.Zero, "tick_interval", TickInterval.TotalSeconds, "must be positive (seconds)");
        Check(problems, FinalTick >= TimeSpan.Zero, "final_tick", FinalTick.TotalSeconds, "must not be negative (seconds)");
        problems.AddRange(AttackParameters.Problems());
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string name, double value, string reason)
    {
        if (!ok)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = {value}: {reason}"));
        }
    }
}
