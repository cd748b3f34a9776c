using Marten;
using Npgsql;
using PoQ.Consensus.Trust;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Queries;
using PoQ.Settlement;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>
/// <c>poq replay</c> over a history of any size: the recorded tasks stream in replay order a page at a time
/// (<see cref="HistoryPages"/>), settle through <see cref="ReplayChain"/> (the one settlement chain; an epoch's tasks in
/// parallel), and each page's scenario rows are written by COPY while the next page is read. What stays in memory is a
/// page or two, the chain's trust and the per-node totals; the digest's per-task parts are sorted by PostgreSQL
/// (<see cref="DigestSort"/>).
/// </summary>
public static class StreamingReplay
{
    /// <summary>Replays and writes the scenario; returns the problem instead when the history cannot be replayed so.</summary>
    /// <param name="store">The document store (scenario run documents).</param>
    /// <param name="connectionString">The recorded store.</param>
    /// <param name="request">What to replay.</param>
    /// <param name="createdAt">The scenario's creation time.</param>
    /// <param name="onTask">Receives every task's delta, in replay order (e.g. a CSV writer).</param>
    /// <param name="progress">Receives (tasks replayed, tasks recorded).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<(ReplayResult? Result, string? Problem)> RunAsync(
        IDocumentStore store,
        string connectionString,
        ReplayRequest request,
        DateTimeOffset createdAt,
        Action<TaskDelta>? onTask,
        IProgress<(long Done, long Total)>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        long total = await HistoryPages.CountAsync(connectionString, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            return (null, "the event store is empty: no finalized task is recorded");
        }

        SimulationManifest? manifest;
        RecordedMechanisms mechanisms;
        IReadOnlyList<TrustEpochClosed> closes;
        (IReadOnlyList<string>? Flagged, string? RunId, string? Problem) flags;
        await using (var session = store.QuerySession())
        {
            mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
            closes = await HistoryReader.EpochClosesAsync(session, cancellationToken).ConfigureAwait(false);
            manifest = await HistoryReader.ManifestAsync(session, connectionString, cancellationToken).ConfigureAwait(false);
            flags = await ReplayFlags.ResolveAsync(session, request.Rule, cancellationToken).ConfigureAwait(false);
        }

        if (flags.Problem is not null)
        {
            return (null, flags.Problem);
        }

        var (mechanism, recordedEpochs, problem) = Resolve(mechanisms, request);
        if (mechanism is null)
        {
            return (null, problem);
        }

        var order = !mechanism.Epochs.IsSequential && recordedEpochs!.IsSequential ? HistoryOrder.CloseTime : HistoryOrder.Canonical;
        var sequentialStart = mechanism.Epochs.IsSequential
            ? await StartingTrustAsync(connectionString, order, request, cancellationToken).ConfigureAwait(false)
            : null;
        var chain = new ReplayChain(mechanism, closes, sequentialStart, flags.Flagged);
        var comparer = new ScenarioComparer(request.Against ?? ScenarioComparison.Recorded, request.Scenario, manifest, keepEveryTask: false, request.WatchedTasks) { TaskCompared = onTask };
        var nodes = new Dictionary<(string Role, string NodeId), (double Recorded, double Replayed)>();
        var recordedRules = new SortedSet<string>(StringComparer.Ordinal);
        var run = Run(request, mechanism, createdAt);
        (run.DetectionRun, run.FlaggedEvaluators) = (flags.RunId, [.. flags.Flagged ?? []]);
        double recordedPayout = 0;
        string? lastParamsHash = null;
        long rank = 0, seen = 0;
        var before = new List<TaskFinalized>();
        bool started = false;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ScenarioStore.BeginAsync(store, connection, request.Scenario, cancellationToken).ConfigureAwait(false);
        var digest = new DigestSort(connection);
        await digest.StartAsync(cancellationToken).ConfigureAwait(false);

        // The baseline scenario is read on a connection of its own: the writer's is busy with the previous page's COPY.
        await using var againstConnection = request.Against is null ? null : new NpgsqlConnection(connectionString);
        if (againstConnection is not null)
        {
            await againstConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        Task writing = Task.CompletedTask;
        await foreach (var page in HistoryPages.ReadAsync(connectionString, order, request.PageSize, cancellationToken).ConfigureAwait(false))
        {
            var tasks = new List<TaskFinalized>(page.Count);
            var ranks = new List<long>(page.Count);
            foreach (var task in page)
            {
                rank++;
                if (request.Range.Contains(task))
                {
                    tasks.Add(task);
                    ranks.Add(rank);
                }
                else if (!started && request.Range.From is { } from && task.Facts.ClosedAt < from)
                {
                    // Only the before-range tasks of the range's first epoch join its fold; older ones are in the closes.
                    if (before.Count > 0 && mechanism.Epochs.EpochOf(before[^1].Facts.ClosedAt) != mechanism.Epochs.EpochOf(task.Facts.ClosedAt))
                    {
                        before.Clear();
                    }

                    before.Add(task);
                }
            }

            seen += page.Count;
            if (tasks.Count == 0)
            {
                progress?.Report((seen, total));
                continue;
            }

            var settled = chain.Settle(tasks, ranks, started ? null : before);
            started = true;
            before.Clear();
            var baseline = request.Against is { } against
                ? (await ScenarioTaskTable.ReadAsync(againstConnection!, against, ranks[0], ranks[^1], cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.TaskId, StringComparer.Ordinal)
                : null;
            for (int i = 0; i < settled.Length; i++)
            {
                var recorded = TaskOutcome.From(tasks[i], ranks[i]);
                var replayed = TaskOutcome.From(settled[i], ranks[i]);
                if (!ReferenceEquals(tasks[i].Settlement.ParamsHash, lastParamsHash))
                {
                    // Hashes are shared strings of the decoder: a new reference is (almost always) a new rule.
                    lastParamsHash = tasks[i].Settlement.ParamsHash;
                    recordedRules.Add($"{tasks[i].Settlement.Rule} ({tasks[i].Settlement.ParamsHash})");
                }

                recordedPayout += recorded.Payout;
                Count(run, settled[i], ranks[i]);
                Totals(nodes, recorded, replayed);
                if (baseline is null)
                {
                    comparer.Add(recorded, replayed);
                }
                else if (baseline.Remove(tasks[i].TaskId, out var other))
                {
                    comparer.Add(TaskOutcome.From(other), replayed);
                }
                else
                {
                    comparer.Unmatched++;
                }
            }

            comparer.Unmatched += baseline?.Count ?? 0;

            // The rows of this page go to the database while the next page is read and settled.
            var parts = digest.Parts(settled);
            await writing.ConfigureAwait(false);
            writing = Task.Run(() => Write(connection, digest, request.Scenario, settled, ranks, parts, cancellationToken), cancellationToken);
            progress?.Report((seen, total));
        }

        await writing.ConfigureAwait(false);
        if (run.Tasks == 0)
        {
            return (null, "no recorded task closed within the range");
        }

        run.Digest = (await digest.FinishAsync(cancellationToken).ConfigureAwait(false)).Digest;
        run.RecordedRules = string.Join(", ", recordedRules);
        await ScenarioStore.CompleteAsync(store, connection, run, [.. nodes.Select(n => new ScenarioNodeComparison(n.Key.NodeId, n.Key.Role, n.Value.Recorded, n.Value.Replayed))], cancellationToken).ConfigureAwait(false);
        return (new ReplayResult(run, comparer.Finish(), [.. recordedRules], recordedPayout), null);
    }

    private static void Write(NpgsqlConnection connection, DigestSort digest, string scenario, TaskFinalized[] settled, List<long> ranks, List<(string TaskId, byte[] Hash, double Payout)> parts, CancellationToken cancellationToken)
    {
        ScenarioTaskTable.Append(connection, scenario, settled, ranks, cancellationToken);
        digest.Append(parts, cancellationToken);
    }

    /// <summary>
    /// The mechanism to replay with: the given rule with the recorded rewards, quorum and (unless overridden) trust epoch;
    /// or the problem when the recorded mechanisms disagree or cannot be rebuilt.
    /// </summary>
    public static (Mechanism? Mechanism, Settlement.Trust.TrustEpochs? RecordedEpochs, string? Problem) Resolve(RecordedMechanisms mechanisms, ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(mechanisms);
        ArgumentNullException.ThrowIfNull(request);
        if (mechanisms.All.Count == 0)
        {
            return (null, null, "the recorded history references a mechanism hash that was never recorded on the 'mechanism' stream");
        }

        if (mechanisms.All.FirstOrDefault(m => m.Mechanism is null) is { } broken)
        {
            return (null, null, $"the recorded mechanism {broken.Configured.MechanismHash} cannot be rebuilt: {string.Join("; ", broken.Problems)}");
        }

        var recorded = mechanisms.All.Select(m => m.Mechanism!).ToList();
        if (recorded.Select(m => m.RewardParamsHash).Distinct(StringComparer.Ordinal).Count() > 1
            || recorded.Select(m => m.Quorum).Distinct().Count() > 1
            || recorded.Select(m => m.Epochs.LengthMs).Distinct().Count() > 1)
        {
            return (null, null, "the history was recorded with several reward parameter sets, quorums or trust epochs; a replay settles under one");
        }

        var baseline = recorded[0];
        var epochs = request.Epochs ?? baseline.Epochs;
        if (request.Range != ReplayRange.All && epochs.LengthMs != baseline.Epochs.LengthMs && !epochs.IsSequential)
        {
            return (null, null, $"--trust-epoch {epochs} differs from the recorded {baseline.Epochs}: replay the whole history (no --from/--to) to change the trust epoch");
        }

        return (new Mechanism(request.Rule, baseline.Rewards, baseline.Quorum, epochs), baseline.Epochs, null);
    }

    // Sequential replays start each evaluator at its recorded trust before its first verdict in the range: a first pass.
    private static async Task<IReadOnlyDictionary<string, TrustEntry>> StartingTrustAsync(string connectionString, HistoryOrder order, ReplayRequest request, CancellationToken cancellationToken)
    {
        var start = new StartingTrust();
        await foreach (var page in HistoryPages.ReadAsync(connectionString, order, request.PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page)
            {
                if (request.Range.Contains(task))
                {
                    start.Add(task);
                }
            }
        }

        return start.Entries;
    }

    private static ScenarioRun Run(ReplayRequest request, Mechanism mechanism, DateTimeOffset createdAt) => new()
    {
        Id = request.Scenario,
        Rule = mechanism.Rule.Name,
        Parameters = mechanism.Rule.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        ParamsHash = mechanism.Rule.ParamsHash,
        RewardParamsHash = mechanism.RewardParamsHash,
        MechanismHash = mechanism.Hash,
        Quorum = mechanism.Quorum,
        TrustEpochMs = mechanism.Epochs.LengthMs,
        CreatedAt = createdAt,
        From = request.Range.From,
        To = request.Range.To,
    };

    private static void Count(ScenarioRun run, TaskFinalized settled, long rank)
    {
        run.FirstSequence = run.Tasks == 0 ? rank : run.FirstSequence;
        run.LastSequence = rank;
        run.Tasks++;
        run.TasksReached += settled.Settlement.IsReached ? 1 : 0;
        run.Scores += settled.Facts.AcceptedScores.Count;
        run.InferencePayout += settled.Settlement.InferenceReward;
        for (int verdictIndex = 0; verdictIndex < settled.Settlement.Verdicts.Count; verdictIndex++)
        {
            var verdict = settled.Settlement.Verdicts[verdictIndex];
            run.EvaluatorPayout += verdict.Reward;
        }
    }

    private static void Totals(Dictionary<(string Role, string NodeId), (double Recorded, double Replayed)> nodes, TaskOutcome recorded, TaskOutcome replayed)
    {
        void Add(string role, string node, double a, double b)
        {
            var (x, y) = nodes.GetValueOrDefault((role, node));
            nodes[(role, node)] = (x + a, y + b);
        }

        Add(RecordedRoles.Inference, recorded.InferenceNodeId, recorded.InferenceReward, 0);
        Add(RecordedRoles.Inference, replayed.InferenceNodeId, 0, replayed.InferenceReward);
        for (int vi = 0; vi < recorded.Verdicts.Count; vi++)
        {
            var v = recorded.Verdicts[vi];
            Add(RecordedRoles.Evaluator, v.EvaluatorId, v.Reward, 0);
        }

        for (int vi = 0; vi < replayed.Verdicts.Count; vi++)
        {
            var v = replayed.Verdicts[vi];
            Add(RecordedRoles.Evaluator, v.EvaluatorId, 0, v.Reward);
        }
    }
}
