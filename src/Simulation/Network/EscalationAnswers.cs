using System.Globalization;
using PoQ.Simulation.Pool;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Network;

/// <summary>
/// What an evaluator of a simulated network scores when an escalation asks it about a task it did not score: a pure
/// function of (options, task, evaluator, request times). The evaluator keeps its traits (<see cref="NetworkTraits"/>:
/// noise, latency) and its side (<see cref="EvaluatorPool.IsMalicious"/>); a malicious one attacks through the same
/// <see cref="Attacks.Attack.Apply"/> with the knowledge the scenario gave the task's scorers
/// (<see cref="SimulatedTask.AttackContext"/>). Its randomness is a stream of its own, derived from (seed, task id,
/// evaluator id), so an answer does not depend on which other answers were asked for, in what order, or by whom.
/// Immutable once built: safe to share between threads.
/// </summary>
public sealed class EscalationAnswers
{
    private readonly NetworkTraits traits;
    private readonly EvaluatorPool pool;
    private readonly Dictionary<string, int> indexOf;

    /// <summary>The answers of <paramref name="options"/>' network; throws <see cref="ArgumentException"/> naming every problem of the options.</summary>
    public EscalationAnswers(NetworkScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        Options = options;
        traits = NetworkTraits.Of(options);
        pool = NetworkScenario.Pool(options);
        indexOf = Enumerable.Range(0, options.Evaluators).ToDictionary(EvaluatorPool.EvaluatorId, i => i, StringComparer.Ordinal);
    }

    /// <summary>The network's options.</summary>
    public NetworkScenarioOptions Options { get; }

    /// <summary>Whether <paramref name="evaluatorId"/> is one of the network's evaluators (only they can answer).</summary>
    public bool InPool(string evaluatorId) => evaluatorId is not null && indexOf.ContainsKey(evaluatorId);

    /// <summary>
    /// The score id of <paramref name="evaluatorId"/>'s answer about <paramref name="taskId"/>: deterministic, so a
    /// re-sent answer is the same score (a duplicate to the pipeline, never a second vote), and distinct from the
    /// scenario's own <c>{taskId}-s{n}</c> scores.
    /// </summary>
    public static string ScoreIdOf(string taskId, string evaluatorId) => string.Create(CultureInfo.InvariantCulture, $"{taskId}-esc-{evaluatorId}");

    /// <summary>
    /// <paramref name="evaluatorId"/>'s answer about <paramref name="task"/>, asked at <paramref name="requestedAt"/>:
    /// an honest evaluator reports clamp(truth + σₑ·N(0, 1), 0, 10), a malicious one its attack on that; stamped its own
    /// latency after the request, but never after <paramref name="deadline"/> (an answer is worth sending only in time).
    /// Throws <see cref="ArgumentOutOfRangeException"/> for an evaluator outside the pool (check <see cref="InPool"/>).
    /// </summary>
    public SimulatedScore Answer(SimulatedTask task, string evaluatorId, DateTimeOffset requestedAt, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(evaluatorId);
        if (!indexOf.TryGetValue(evaluatorId, out int e))
        {
            throw new ArgumentOutOfRangeException(nameof(evaluatorId), evaluatorId, $"not an evaluator of the simulated pool (ev-1 … ev-{Options.Evaluators})");
        }

        // NUL separates the parts: ids are wire strings, and "a\0b" cannot be spelled by another split of the same text.
        var random = new DeterministicRandom(SplitMix64.Derive(Options.Seed, $"escalation-answer\0{task.TaskId}\0{evaluatorId}"));

        // Draw order is part of the answer: the honest score, the latency, then whatever the attack draws, so the honest
        // part and the latency do not depend on the attack.
        double honest = traits.HonestScore(e, task.HiddenTruth, ref random);
        double latency = traits.ScoreLatency(e, ref random);
        bool malicious = pool.IsMalicious(e);
        double reported = EvaluatorReport.Of(Options, honest, malicious, task.AttackContext, ref random);
        var at = requestedAt.AddMilliseconds(latency);
        return new SimulatedScore(ScoreIdOf(task.TaskId, evaluatorId), task.TaskId, evaluatorId, reported, latency, at <= deadline ? at : deadline, malicious);
    }
}
