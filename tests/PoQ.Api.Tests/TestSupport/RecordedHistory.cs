using Npgsql;
using NpgsqlTypes;
using PoQ.Consensus.Rules;
using PoQ.Pipeline.Recording;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;
using PoQ.Testing.Postgres;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>
/// A small recorded history written exactly as the pipeline writes it (the settlement chain + the pipeline's committer
/// through <see cref="HistoryRecorder"/>): 42 tasks over two partitions, one task below quorum, dead letters naming
/// ev-2. The shared one is recorded under <c>trust</c> with the sequential update (so trust chains task to task); tests
/// create others under other mechanisms.
/// </summary>
public static class RecordedHistory
{
    public const int Tasks = 42;
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

    /// <summary>A fresh database with the history under <paramref name="rule"/> (default <c>trust</c>) and trust epoch (default sequential).</summary>
    public static async Task<string> CreateAsync(PostgresFixture postgres, string prefix, ConsensusRule? rule = null, TimeSpan? trustEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        string connection = await postgres.CreateDatabaseAsync(prefix).ConfigureAwait(false);
        var mechanism = new Mechanism(rule ?? RuleCatalog.Create("trust"), new RewardParameters(), 2, TrustEpochs.Of(trustEpoch ?? TimeSpan.Zero));
        var offsets = new long[2];
        var facts = Enumerable.Range(1, Tasks).Select(i => Facts($"t-{i}", i, offsets)).Append(Facts(InsufficientTask, 999, offsets, scores: 1)).ToList();
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight));
        var settled = facts.Select((f, i) => chain.Settle(f, i + 1)).ToList();
        await using var recorder = await HistoryRecorder.OpenAsync(connection, mechanism, 2, CancellationToken.None).ConfigureAwait(false);
        await recorder.RecordAsync(settled.Take(20), [], batchSize: 8, CancellationToken.None).ConfigureAwait(false);
        await recorder.RestartAsync(CancellationToken.None).ConfigureAwait(false);
        await recorder.RecordAsync(settled.Skip(20), DeadLetters(offsets), batchSize: 8, CancellationToken.None).ConfigureAwait(false);
        await recorder.FoldEpochsAsync(settled[^1].Facts.ClosedAt.AddMinutes(1), CancellationToken.None).ConfigureAwait(false);
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

    /// <summary>Edits one recorded task in its stored event row, as someone with write access to the database could.</summary>
    public static async Task TamperAsync(string connection, string taskId, Func<TaskFinalized, TaskFinalized> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync().ConfigureAwait(false);
        await using var read = new NpgsqlCommand(
            $"select e.id, e.bdata, i.position from {PoqStore.Schema}.{PoqTables.TaskIndex} i join {PoqStore.Schema}.mt_events e on e.id = i.event_id where i.task_id = @id", db);
        read.Parameters.AddWithValue("id", taskId);
        Guid eventId;
        TasksSettled batch;
        int position;
        await using (var reader = await read.ExecuteReaderAsync().ConfigureAwait(false))
        {
            Assert.True(await reader.ReadAsync().ConfigureAwait(false), $"task {taskId} is not recorded");
            eventId = reader.GetGuid(0);
            batch = TaskBatchCodec.Decode(reader.GetFieldValue<byte[]>(1));
            position = reader.GetInt32(2);
        }

        var tasks = batch.Tasks.ToArray();
        tasks[position] = edit(tasks[position]);
        await using var write = new NpgsqlCommand($"update {PoqStore.Schema}.mt_events set bdata = @body where id = @id", db);
        write.Parameters.AddWithValue("body", NpgsqlDbType.Bytea, TaskBatchCodec.Encode(batch with { Tasks = tasks }));
        write.Parameters.AddWithValue("id", eventId);
        Assert.Equal(1, await write.ExecuteNonQueryAsync().ConfigureAwait(false));
    }

    /// <summary>Deterministic facts: 3 or 4 of the 5 evaluators score; ev-5 is a booster (scores high). Tasks close 1 s apart.</summary>
    private static TaskFacts Facts(string taskId, int i, long[] offsets, int? scores = null)
    {
        int k = scores ?? (3 + (i % 2));
        int partition = i % 2;
        var sampled = Enumerable.Range(0, Math.Max(k, 3)).Select(j => Evaluators[(i + j) % Evaluators.Length]).ToList();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i);
        long taskOffset = offsets[partition]++;
        var accepted = new List<RecordedScore>();
        for (int j = 0; j < k; j++)
        {
            string evaluator = sampled[j];
            double score = evaluator == "ev-5" ? 9.5 : Math.Round(4 + (((i * 7) + (j * 3)) % 40 / 10.0), 1);
            accepted.Add(new RecordedScore($"s-{taskId}-{j}", evaluator, score, 40 + (((i * 13) + (j * 29)) % 500), at.AddMilliseconds(100 * (j + 1)), new SourceRef(partition, offsets[partition]++)));
        }

        return new TaskFacts
        {
            TaskId = taskId,
            TaskType = i % 3 == 0 ? "summarization" : "qa",
            InferenceNodeId = InferenceNodes[i % InferenceNodes.Length],
            SubmittedAt = at,
            InferenceLatencyMs = 300 + ((i * 37) % 2000),
            SampledEvaluators = sampled,
            TaskSource = new SourceRef(partition, taskOffset),
            TaskTime = at,
            AcceptedScores = accepted,
            CloseReason = scores is null ? CloseReasons.AllScored : CloseReasons.DeadlineBelowQuorum,
            ClosedAt = at.AddSeconds(2),
            ClosedBy = new RecordRef("poq.scores", partition, offsets[partition] - 1),
        };
    }

    private static List<DeadLetterRecord> DeadLetters(long[] offsets)
    {
        var at = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        return
        [
            Letter("duplicate_score", "ev-2", "t-3", at, offsets[1]++),
            Letter("late_score", "ev-2", "t-4", at.AddSeconds(1), offsets[1]++),
            Letter("malformed_json", null, null, at.AddSeconds(2), offsets[1]++),
        ];
    }

    private static DeadLetterRecord Letter(string reason, string? evaluator, string? key, DateTimeOffset at, long offset) => new()
    {
        Id = DeadLetterRecord.IdOf("poq.scores", 1, offset),
        Reason = reason,
        Error = $"{reason} (test)",
        Topic = "poq.scores",
        Partition = 1,
        Offset = offset,
        Key = key,
        Payload = "{}",
        EvaluatorId = evaluator,
        RecordedAt = at,
    };
}
