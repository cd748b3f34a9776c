using Npgsql;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Pipeline;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Pipeline.Output;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Settling;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>
/// A small recorded history written exactly as the pipeline writes it (<see cref="TaskSettler"/> +
/// <see cref="BatchCommitter"/>): 30 tasks under <c>trust</c>, then a restart under <c>trimmed</c> for 12 more that
/// continues the trust ledger, one task below quorum, and dead letters naming ev-2.
/// </summary>
public static class RecordedHistory
{
    public const int TrustTasks = 30;
    public const int TrimmedTasks = 12;
    public const string InsufficientTask = "t-insufficient";
    public static readonly string[] Evaluators = ["ev-1", "ev-2", "ev-3", "ev-4", "ev-5"];
    public static readonly string[] InferenceNodes = ["inf-1", "inf-2", "inf-3"];

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static string? shared;

    /// <summary>A database shared by read-only tests (created once per test run).</summary>
    public static async Task<string> SharedAsync(PostgresFixture postgres)
    {
        await SharedGate.WaitAsync().ConfigureAwait(false);
        try
        {
            return shared ??= await CreateAsync(postgres, "audit_shared").ConfigureAwait(false);
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>A fresh database with the history (for tests that tamper with it).</summary>
    public static async Task<string> CreateAsync(PostgresFixture postgres, string prefix)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        string connection = await postgres.CreateDatabaseAsync(prefix).ConfigureAwait(false);
        using var store = PoqStore.Create(connection);
        var state = new PipelineState();
        var tracker = new CheckpointTracker([]);
        var book = new NodeLedgerBook([]);
        var messages = new OutputMessageFactory(TopicNames.Default);
        var rewards = new RewardParameters();
        long offset = 0;

        var trust = RuleCatalog.Create("trust");
        var first = new TaskSettler(trust, rewards, quorum: 2);
        var committer = new BatchCommitter(store, tracker, book, messages, state, first.Configuration, false, true, null);
        await CommitAsync(committer, tracker, Enumerable.Range(1, TrustTasks).Select(i => first.Settle(Facts($"t-{i}", i, ref offset))).ToList()).ConfigureAwait(false);

        // A restart with another rule continues the recorded trust (PipelineRunner restores it the same way).
        var trimmed = RuleCatalog.Create("trimmed", new Dictionary<string, string> { ["tau"] = "0.25", ["rounding"] = "at-least-one" });
        var ledger = TrustLedger.FromSnapshot(1.0, first.Ledger.Entries, first.Ledger.Sequence);
        var second = new TaskSettler(trimmed, rewards, quorum: 2, ledger, first.Sequence);
        var restarted = new BatchCommitter(store, tracker, book, messages, state, second.Configuration, false, false, null);
        var tasks = Enumerable.Range(TrustTasks + 1, TrimmedTasks).Select(i => second.Settle(Facts($"t-{i}", i, ref offset))).ToList();
        tasks.Add(second.Settle(Facts(InsufficientTask, 999, ref offset, scores: 1)));
        await CommitAsync(restarted, tracker, tasks, DeadLetters(ref offset)).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs one SQL statement against the history (tamper tests).</summary>
    public static async Task<int> ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task CommitAsync(BatchCommitter committer, CheckpointTracker tracker, IReadOnlyList<TaskFinalized> tasks, IReadOnlyList<DeadLetterRecord>? letters = null)
    {
        foreach (var batch in tasks.Chunk(8))
        {
            var items = new List<Settled>();
            foreach (var task in batch)
            {
                var position = new RecordPosition("poq.tasks", 0, task.Facts.TaskSource.Offset);
                tracker.Read(position);
                items.Add(new FinalizedTask(task, [position]));
            }

            await committer.CommitAsync(items, CancellationToken.None).ConfigureAwait(false);
        }

        if (letters is { Count: > 0 })
        {
            var items = new List<Settled>();
            foreach (var letter in letters)
            {
                var position = new RecordPosition(letter.Topic, letter.Partition, letter.Offset);
                tracker.Read(position);
                items.Add(new DeadLettered(letter, [position]));
            }

            await committer.CommitAsync(items, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Deterministic facts: 3 or 4 of the 5 evaluators score; ev-5 is a booster (scores high).</summary>
    private static TaskFacts Facts(string taskId, int i, ref long offset, int? scores = null)
    {
        int k = scores ?? (3 + (i % 2));
        var sampled = Enumerable.Range(0, Math.Max(k, 3)).Select(j => Evaluators[(i + j) % Evaluators.Length]).ToList();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i);
        var accepted = new List<RecordedScore>();
        for (int j = 0; j < k; j++)
        {
            string evaluator = sampled[j];
            double score = evaluator == "ev-5" ? 9.5 : Math.Round(4 + (((i * 7) + (j * 3)) % 40 / 10.0), 1);
            accepted.Add(new RecordedScore($"s-{taskId}-{j}", evaluator, score, 40 + (((i * 13) + (j * 29)) % 500), at.AddMilliseconds(100 * (j + 1)), new SourceRef(1, offset++)));
        }

        return new TaskFacts
        {
            TaskId = taskId,
            TaskType = i % 3 == 0 ? "summarization" : "qa",
            InferenceNodeId = InferenceNodes[i % InferenceNodes.Length],
            SubmittedAt = at,
            InferenceLatencyMs = 300 + ((i * 37) % 2000),
            SampledEvaluators = sampled,
            TaskSource = new SourceRef(0, offset++),
            AcceptedScores = accepted,
            CloseReason = scores is null ? "all_scored" : "deadline_below_quorum",
            ClosedAt = at.AddSeconds(2),
        };
    }

    private static List<DeadLetterRecord> DeadLetters(ref long offset)
    {
        var at = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        return
        [
            Letter("duplicate_score", "ev-2", "t-3", at, offset++),
            Letter("late_score", "ev-2", "t-4", at.AddSeconds(1), offset++),
            Letter("malformed_json", null, null, at.AddSeconds(2), offset++),
        ];
    }

    private static DeadLetterRecord Letter(string reason, string? evaluator, string? key, DateTimeOffset at, long offset) => new()
    {
        Id = DeadLetterRecord.IdOf("poq.scores", 2, offset),
        Reason = reason,
        Error = $"{reason} (test)",
        Topic = "poq.scores",
        Partition = 2,
        Offset = offset,
        Key = key,
        Payload = "{}",
        EvaluatorId = evaluator,
        RecordedAt = at,
    };
}
