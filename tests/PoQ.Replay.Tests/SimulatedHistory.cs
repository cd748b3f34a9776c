using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Projections.Events;
using PoQ.Projections.Settling;
using PoQ.Rewards;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Replay.Tests;

/// <summary>
/// A recorded history made the way the pipeline makes it: a seeded network with attackers, each task's accepted scores
/// turned into <see cref="TaskFacts"/> and settled in order by <see cref="TaskSettler"/>. Some windows lose scores (k − 1)
/// and some fall below quorum, so insufficient tasks (which must not move trust) are part of the history.
/// </summary>
internal static class SimulatedHistory
{
    public const int Quorum = 3;

    public static NetworkScenarioOptions Network(int tasks, AttackKind attack = AttackKind.Boost) => new()
    {
        Tasks = tasks,
        Evaluators = 20,
        InferenceNodes = 4,
        K = 5,
        MaliciousRatio = 0.3,
        Attack = attack,
        BadMessageRatio = 0,
        Seed = 7,
        RunId = "h",
    };

    /// <summary>The facts of every task, in finalization order, and the hidden truth.</summary>
    public static (List<TaskFacts> Facts, Dictionary<string, double> Truth) Facts(NetworkScenarioOptions network)
    {
        var facts = new List<TaskFacts>();
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        SimulatedTask? task = null;
        var scores = new List<SimulatedScore>();
        long offset = 0;
        foreach (var message in NetworkScenario.Generate(network).Append(null))
        {
            if (message is SimulatedScore score)
            {
                scores.Add(score);
                continue;
            }

            if (task is not null)
            {
                facts.Add(Window(task, scores, facts.Count, ref offset));
                truth[task.TaskId] = task.HiddenTruth;
            }

            task = message as SimulatedTask;
            scores.Clear();
        }

        return (facts, truth);
    }

    /// <summary>Settles facts in order, as the pipeline's settler does.</summary>
    public static List<TaskFinalized> Settle(TaskSettler settler, IEnumerable<TaskFacts> facts) => [.. facts.Select(settler.Settle)];

    public static TaskSettler Settler(ConsensusRule rule, TrustLedger? ledger = null, long lastSequence = 0) =>
        new(rule, new RewardParameters(), Quorum, ledger, lastSequence);

    private static TaskFacts Window(SimulatedTask task, List<SimulatedScore> scores, int index, ref long offset)
    {
        // Every 13th window closes below quorum, every 7th with one score missing.
        int keep = index % 13 == 5 ? Quorum - 1 : index % 7 == 3 ? scores.Count - 1 : scores.Count;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var accepted = new RecordedScore[keep];
        for (int i = 0; i < keep; i++)
        {
            var s = scores[i];
            accepted[i] = new RecordedScore(s.ScoreId, s.EvaluatorId, s.Score, s.LatencyMs, s.SubmittedAt, new SourceRef(0, offset++));
        }

        return new TaskFacts
        {
            TaskId = task.TaskId,
            TaskType = task.TaskType,
            InferenceNodeId = task.InferenceNodeId,
            SubmittedAt = task.SubmittedAt,
            InferenceLatencyMs = task.LatencyMs,
            SampledEvaluators = task.Evaluators,
            TaskSource = new SourceRef(0, index),
            AcceptedScores = accepted,
            CloseReason = keep == scores.Count ? "all_scored" : keep >= Quorum ? "deadline_with_quorum" : "deadline_below_quorum",
            ClosedAt = start.AddMilliseconds(index * 10.0),
        };
    }
}
