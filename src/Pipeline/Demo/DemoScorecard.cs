using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Settlement.Digest;

namespace PoQ.Pipeline.Demo;

/// <summary>What the demo shows at the end: how close consensus came to the simulator's hidden truth, who was paid, what was rejected.</summary>
public sealed record DemoScorecard(
    int TasksCompared,
    double ConsensusMae,
    double NaiveMeanMae,
    IReadOnlyList<NodeLedger> InferenceNodes,
    NodeGroup HonestEvaluators,
    NodeGroup MaliciousEvaluators,
    IReadOnlyDictionary<string, long> DeadLetters,
    IReadOnlyDictionary<string, long> ExpectedDeadLetters,
    DigestResult Digest)
{
    /// <summary>Reads the recorded history and compares it with what the simulator knows.</summary>
    public static async Task<DemoScorecard> BuildAsync(
        IDocumentStore store,
        string connectionString,
        IReadOnlyDictionary<string, double> hiddenTruth,
        IReadOnlySet<string> maliciousEvaluators,
        IReadOnlyDictionary<string, long> expectedDeadLetters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        var finalized = await HistoryReader.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var digest = new SettlementDigest();
        double consensusError = 0;
        double naiveError = 0;
        int compared = 0;
        foreach (var task in finalized)
        {
            digest.Add(task);
            if (task.Settlement.Consensus is { } consensus && hiddenTruth.TryGetValue(task.TaskId, out double truth))
            {
                consensusError += Math.Abs(consensus - truth);
                naiveError += Math.Abs(task.Facts.AcceptedScores.Average(s => s.Score) - truth);
                compared++;
            }
        }

        var ledgers = await NodeLedgerTable.CombinedAsync(connectionString, null, cancellationToken).ConfigureAwait(false);
        var evaluators = ledgers.Where(l => l.Role == RecordedRoles.Evaluator).ToList();
        var letters = await session.Query<DeadLetterRecord>().ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DemoScorecard(
            compared,
            compared == 0 ? double.NaN : consensusError / compared,
            compared == 0 ? double.NaN : naiveError / compared,
            ledgers.Where(l => l.Role == RecordedRoles.Inference).OrderBy(l => l.NodeId, StringComparer.Ordinal).ToList(),
            NodeGroup.Of(evaluators.Where(l => !maliciousEvaluators.Contains(l.NodeId))),
            NodeGroup.Of(evaluators.Where(l => maliciousEvaluators.Contains(l.NodeId))),
            letters.GroupBy(l => l.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
            expectedDeadLetters,
            digest.Finish());
    }
}

/// <summary>Totals over a group of evaluators.</summary>
/// <param name="Nodes">Evaluators in the group.</param>
/// <param name="Rewards">Rewards they received.</param>
/// <param name="Total">Σ rewards.</param>
public sealed record NodeGroup(int Nodes, long Rewards, double Total)
{
    /// <summary>Mean reward per scored task.</summary>
    public double MeanReward => Rewards == 0 ? double.NaN : Total / Rewards;

    /// <summary>Sums a group.</summary>
    public static NodeGroup Of(IEnumerable<NodeLedger> ledgers)
    {
        var list = ledgers.ToList();
        return new NodeGroup(list.Count, list.Sum(l => l.Count), list.Sum(l => l.Total));
    }
}
