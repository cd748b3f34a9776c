using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Replay.Tests;

/// <summary>
/// A recorded history made the way the pipeline makes it: a seeded network with attackers, each task's accepted scores
/// turned into <see cref="TaskFacts"/> (spread over partitions, closing 10 ms of log time apart) and settled by the one
/// settlement chain. Some windows lose a score and some fall below quorum, so insufficient tasks (which must not move
/// trust) are part of the history.
/// </summary>
internal static class SimulatedHistory
{
    public const int Quorum = 3;
    public const int Partitions = 4;

    /// <summary>Short epochs, so a few hundred tasks span a dozen of them.</summary>
    public static readonly TrustEpochs Epochs = TrustEpochs.Of(TimeSpan.FromMilliseconds(500));

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

    public static Mechanism Mechanism(ConsensusRule rule, TrustEpochs? epochs = null) => new(rule, new RewardParameters(), Quorum, epochs ?? Epochs);

    /// <summary>The facts of every task, in close order, and the hidden truth.</summary>
    public static (List<TaskFacts> Facts, Dictionary<string, double> Truth) Facts(NetworkScenarioOptions network)
    {
        var facts = new List<TaskFacts>();
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        var messages = NetworkScenario.Generate(network).ToList();
        var scores = messages.OfType<SimulatedScore>().ToLookup(s => s.TaskId, StringComparer.Ordinal);
        var offsets = new long[Partitions];
        foreach (var task in messages.OfType<SimulatedTask>())
        {
            facts.Add(Window(task, [.. scores[task.TaskId]], facts.Count, offsets));
            truth[task.TaskId] = task.HiddenTruth;
        }

        return (facts, truth);
    }

    /// <summary>Settles facts in close order through the settlement chain, as the pipeline's lanes and epoch closer do.</summary>
    public static (List<TaskFinalized> Settled, IReadOnlyList<TrustEpochClosed> Closes) Settle(Mechanism mechanism, IReadOnlyList<TaskFacts> facts)
    {
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight));
        var settled = facts.Select((f, i) => chain.Settle(f, i + 1)).ToList();
        if (!mechanism.Epochs.IsSequential)
        {
            chain.FoldThrough(mechanism.Epochs.EpochOf(facts[^1].ClosedAt) + 1);
        }

        return (settled, chain.Closes);
    }

    private static TaskFacts Window(SimulatedTask task, List<SimulatedScore> scores, int index, long[] offsets)
    {
        // Every 13th window closes below quorum, every 7th with one score missing.
        int keep = index % 13 == 5 ? Quorum - 1 : index % 7 == 3 ? scores.Count - 1 : scores.Count;
        int partition = index % Partitions;
        var closedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(index * 10.0);
        long taskOffset = offsets[partition]++;
        var accepted = new RecordedScore[keep];
        for (int i = 0; i < keep; i++)
        {
            var s = scores[i];
            accepted[i] = new RecordedScore(s.ScoreId, s.EvaluatorId, s.Score, s.LatencyMs, s.SubmittedAt, new SourceRef(partition, offsets[partition]++));
        }

        return new TaskFacts
        {
            TaskId = task.TaskId,
            TaskType = task.TaskType,
            InferenceNodeId = task.InferenceNodeId,
            SubmittedAt = task.SubmittedAt,
            InferenceLatencyMs = task.LatencyMs,
            SampledEvaluators = task.Evaluators,
            TaskSource = new SourceRef(partition, taskOffset),
            TaskTime = closedAt.AddMilliseconds(-60),
            AcceptedScores = accepted,
            CloseReason = keep == scores.Count ? CloseReasons.AllScored : keep >= Quorum ? CloseReasons.DeadlineWithQuorum : CloseReasons.DeadlineBelowQuorum,
            ClosedAt = closedAt,
            ClosedBy = new RecordRef("poq.scores", partition, offsets[partition] - 1),
        };
    }
}
