using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Bench.History;

/// <summary>
/// The settled tasks of a seeded simulated network, streamed: each task's window holds all k scores and closes at its
/// last score (partition = task index mod partitions), and the tasks settle in close order through the one settlement
/// chain under robust-trust with 2 s trust epochs (the plain trust-weighted mean saturates every honest evaluator at
/// w_max, which leaves an auditor nothing to look at). Same options → the same tasks.
/// </summary>
public sealed record SimulatedHistory(int Tasks, int Partitions = 8, int Evaluators = 20, int InferenceNodes = 8, int K = 5, ulong Seed = 42)
{
    /// <summary>The mechanism the history settles under.</summary>
    public static Mechanism Mechanism { get; } = new(new RobustTrustRule(), new RewardParameters(), 3, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    /// <summary>The network behind it: a fifth of the pool boosts.</summary>
    public NetworkScenarioOptions Network => new()
    {
        Tasks = Tasks,
        Evaluators = Evaluators,
        InferenceNodes = InferenceNodes,
        K = K,
        MaliciousRatio = 0.2,
        Attack = AttackKind.Boost,
        BadMessageRatio = 0,
        Seed = Seed,
        RunId = "h",
    };

    /// <summary>The settled tasks, in close order (lazily: memory stays flat).</summary>
    public IEnumerable<TaskFinalized> Settle()
    {
        var chain = new SettlementChain(Mechanism, TrustSnapshot.Initial(Mechanism.InitialWeight));
        var open = new Dictionary<string, (SimulatedTask Task, int Partition, long Offset, List<RecordedScore> Scores)>(StringComparer.Ordinal);
        var offsets = new long[Partitions];
        int index = 0;
        foreach (var message in NetworkScenario.Generate(Network))
        {
            switch (message)
            {
                case SimulatedTask task:
                    int partition = index++ % Partitions;
                    open[task.TaskId] = (task, partition, offsets[partition]++, new List<RecordedScore>(task.Evaluators.Count));
                    break;
                case SimulatedScore score when open.TryGetValue(score.TaskId, out var window):
                    long offset = offsets[window.Partition]++;
                    window.Scores.Add(new RecordedScore(score.ScoreId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt, new SourceRef(window.Partition, offset)));
                    if (window.Scores.Count == window.Task.Evaluators.Count)
                    {
                        open.Remove(score.TaskId);
                        yield return chain.Settle(SimulatedWindow.Facts(window.Task, window.Partition, window.Offset, window.Scores, score.SubmittedAt, offset));
                    }

                    break;
            }
        }
    }
}
