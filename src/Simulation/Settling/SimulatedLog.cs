using System.Globalization;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Pool;

namespace PoQ.Simulation.Settling;

/// <summary>
/// Turns simulated rounds into the facts the pipeline would record — one task closing per simulated second on one
/// partition — so the simulation settles through the same <see cref="PoQ.Settlement.SettlementChain"/> as the pipeline,
/// replay and audit verify. The trust epoch is given in tasks per evaluator: with N evaluators and k sampled per task an
/// evaluator scores about k/N of the tasks, so E tasks per evaluator span E·N/k rounds.
/// </summary>
public sealed class SimulatedLog
{
    /// <summary>Simulated time between two task closes.</summary>
    public static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(1);

    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;
    private readonly string[] evaluatorIds;

    /// <summary>Names the pool's evaluators as the pool does (<see cref="EvaluatorPool.EvaluatorId"/>).</summary>
    public SimulatedLog(int poolSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        evaluatorIds = Enumerable.Range(0, poolSize).Select(EvaluatorPool.EvaluatorId).ToArray();
    }

    /// <summary>The evaluator at <paramref name="index"/>.</summary>
    public string EvaluatorId(int index) => evaluatorIds[index];

    /// <summary>The pool index of an evaluator id this log issued.</summary>
    public static int IndexOf(string evaluatorId)
    {
        ArgumentNullException.ThrowIfNull(evaluatorId);
        return int.Parse(evaluatorId.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture) - 1;
    }

    /// <summary>
    /// Trust epochs of <paramref name="tasksPerEvaluator"/> tasks per evaluator (0: the sequential update), at least one
    /// millisecond of simulated time.
    /// </summary>
    public static TrustEpochs Epochs(double tasksPerEvaluator, int poolSize, int k)
    {
        if (!double.IsFinite(tasksPerEvaluator) || tasksPerEvaluator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tasksPerEvaluator), tasksPerEvaluator, "trust epoch must be finite and ≥ 0 tasks per evaluator");
        }

        if (tasksPerEvaluator == 0)
        {
            return TrustEpochs.Sequential;
        }

        double rounds = tasksPerEvaluator * poolSize / k;
        return TrustEpochs.OfMilliseconds(Math.Max(1, (long)Math.Round(rounds * RoundLength.TotalMilliseconds, MidpointRounding.AwayFromZero)));
    }

    /// <summary>The facts of round <paramref name="round"/>: every sampled evaluator scored, the task closed at its second.</summary>
    public TaskFacts Facts(int round, int system, double inferenceLatencyMs, ReadOnlySpan<int> sampled, ReadOnlySpan<double> scores, ReadOnlySpan<double> latenciesMs)
    {
        var closedAt = Start + (RoundLength * (round + 1));
        string taskId = "t-" + round.ToString(CultureInfo.InvariantCulture);
        var ids = new string[sampled.Length];
        var accepted = new RecordedScore[sampled.Length];
        for (int i = 0; i < sampled.Length; i++)
        {
            ids[i] = evaluatorIds[sampled[i]];
            accepted[i] = new RecordedScore(taskId + "/" + ids[i], ids[i], scores[i], latenciesMs[i], closedAt, new SourceRef(0, round));
        }

        return new TaskFacts
        {
            TaskId = taskId,
            TaskType = "simulated",
            InferenceNodeId = "system-" + system.ToString(CultureInfo.InvariantCulture),
            SubmittedAt = closedAt - RoundLength,
            InferenceLatencyMs = inferenceLatencyMs,
            SampledEvaluators = ids,
            TaskSource = new SourceRef(0, round),
            TaskTime = closedAt - RoundLength,
            AcceptedScores = accepted,
            CloseReason = CloseReasons.AllScored,
            ClosedAt = closedAt,
            ClosedBy = new RecordRef("simulation", 0, round),
        };
    }
}
