using System.Collections.Concurrent;
using System.Text.Json;
using System.Text;
using Confluent.Kafka;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Model;
using PoQ.Testing;
using PoQ.Testing.Kafka;
using PoQ.Testing.Postgres;
using PoQ.Testing.Wire;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Hand-crafted bad input — every kind in <see cref="BadMessages"/> and one message per reason code the pipeline can give — each stamped (log time) so its reason
/// follows from the merge of the two topics by time: all go to <c>poq.deadletter</c> and to the DeadLetterRecord
/// documents, and valid tasks after them still finalize. A final clock record moves log time past every wait.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class DeadLetterTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int MaxMessageBytes = 1_024;
    private readonly ConcurrentQueue<string> log = new();
    private EmbeddedKafkaBroker? broker;
    private string connection = "";

    public async Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 1);
        connection = await postgres.CreateDatabaseAsync(nameof(DeadLetterTests));
    }

    public Task DisposeAsync()
    {
        broker?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_EveryKindOfBadMessage_DeadLetteredWithReasonFieldSourceAndPayload_AndTheStreamGoesOn()
    {
        var options = new PipelineOptions
        {
            KafkaBootstrap = broker!.BootstrapServers,
            PostgresConnection = connection,
            MaxMessageBytes = MaxMessageBytes,
            MaxClockSkew = TimeSpan.FromHours(1),
            // Deadlines far away (no window may close on time here), the unknown-task wait short (the ghost score).
            Windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(30), UnknownTaskWait = TimeSpan.FromSeconds(1), Quorum = 2 },
        };
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var bad = new List<Sent>();
        var good = new List<Sent>();

        // The partitions' counters count the input topics' dead letters; the registry's are documents and messages only.
        long InputLetters() => bad.Count(b => b.Position.Topic != TopicNames.Default.Registry);
        await using (var runner = await PipelineRunner.StartAsync(options, log.Enqueue))
        {
            using (var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build())
            {
                // Each message 10 ms of log time after the previous one: the merge sees them in the order they are sent.
                async Task<Sent> Send(string topic, string key, byte[] payload, string? reason = null, string? field = null, TimeSpan? ahead = null)
                {
                    at = at.AddMilliseconds(10);
                    var delivered = await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = payload, Timestamp = new Timestamp(at + (ahead ?? TimeSpan.Zero)) });
                    var sent = new Sent(delivered.TopicPartitionOffset, key, payload, reason, field, at + (ahead ?? TimeSpan.Zero));
                    (reason is null ? good : bad).Add(sent);
                    return sent;
                }

                Task<Sent> Task(string key, string json, string? reason = null, string? field = null) => Send(TopicNames.Default.Tasks, key, Encoding.UTF8.GetBytes(json), reason, field);

                // Scores are signed by their evaluator's registered key unless a test says otherwise.
                Task<Sent> Score(string key, string json, string? reason = null, string? field = null) => Send(TopicNames.Default.Scores, key, Encoding.UTF8.GetBytes(SignedWire.Sign(json)), reason, field);
                Task<Sent> Raw(string key, string json, string? reason = null, string? field = null) => Send(TopicNames.Default.Scores, key, Encoding.UTF8.GetBytes(json), reason, field);
                async Task Registry(string action, string evaluator, string? keyName, TimeSpan before, string? reason = null, string? field = null)
                {
                    var stamp = at - before;
                    var delivered = await producer.ProduceAsync(TopicNames.Default.Registry, new Message<string?, byte[]> { Key = evaluator, Value = SignedWire.Registry(action, evaluator, keyName), Timestamp = new Timestamp(stamp) });
                    if (reason is not null)
                    {
                        bad.Add(new Sent(delivered.TopicPartitionOffset, evaluator, SignedWire.Registry(action, evaluator, keyName), reason, field, stamp));
                    }
                }

                // The registry: e-1 … e-9 registered a minute before everything; e-7 rotated to a new key and e-8 revoked
                // since; a rotation of an evaluator nobody registered is refused (a registry dead letter).
                for (int e = 1; e <= 9; e++)
                {
                    await Registry(RegistryAction.Register, $"e-{e}", null, TimeSpan.FromMinutes(1));
                }

                await Registry(RegistryAction.Rotate, "e-7", "e-7/new", TimeSpan.FromSeconds(30));
                await Registry(RegistryAction.Revoke, "e-8", null, TimeSpan.FromSeconds(30));
                await Registry(RegistryAction.Rotate, "e-50", null, TimeSpan.FromSeconds(30), ReasonCodes.InvalidValue, "evaluatorId");

                // Every kind of bad message the parser refuses (the shared catalogue), then one the classifier refuses by size.
                foreach (var message in BadMessages.All)
                {
                    await Send(message.OnScores ? TopicNames.Default.Scores : TopicNames.Default.Tasks, message.Key, message.Payload, message.Reason, message.Field);
                }

                await Task("b-5", WireJson.Task("b-5", "e-1").Replace("{\"type\"", $"{{\"padding\":\"{new string('x', MaxMessageBytes)}\",\"type\"", StringComparison.Ordinal), ReasonCodes.OversizedMessage);

                // As large as the broker takes, and not text: as base64 its whole message would pass the producer's
                // 1 MB message.max.bytes, so the message carries the payload's start (the store keeps all of it).
                await Send(TopicNames.Default.Scores, "b-6", new Random(6).GetItems<byte>([0xff, 0xfe, 0x80, 0x41], 760_000), ReasonCodes.OversizedMessage);

                // Window refusals. Each window's scores are in partition order, so the refused one is refused whether the
                // task arrives before its scores or after them (waiting scores are attached in arrival order).
                await Score("ghost", WireJson.Score("ghost", "e-1", 5), ReasonCodes.UnknownTask, "taskId");
                await Task("w-1", WireJson.Task("w-1", "e-1", "e-2"));
                await Score("w-1", WireJson.Score("w-1", "e-1", 4));
                await Score("w-1", WireJson.Score("w-1", "e-1", "9", scoreId: "w-1-again"), ReasonCodes.DuplicateScore, "evaluatorId");
                await Score("w-1", WireJson.Score("w-1", "e-2", 6));
                await Task("w-1", WireJson.Task("w-1", "e-3", "e-4"), ReasonCodes.DuplicateTask, "taskId");
                await Task("w-2", WireJson.Task("w-2", "e-1", "e-2"));
                await Score("w-2", WireJson.Score("w-2", "e-9", 5), ReasonCodes.UnsampledEvaluator, "evaluatorId");
                await Score("w-2", WireJson.Score("w-2", "e-1", 5));
                await Score("w-2", WireJson.Score("w-2", "e-2", 5));
                await Task("w-3", WireJson.Task("w-3", "e-1", "e-2"));
                await Score("w-3", WireJson.Score("w-3", "e-1", 3));
                await Score("w-3", WireJson.Score("w-3", "e-2", 3));
                await Score("w-3", WireJson.Score("w-3", "e-2", "9", scoreId: "w-3-late"), ReasonCodes.LateScore, "taskId");

                // Identity refusals: no signature, another evaluator's key, an evaluator the registry does not know, a key
                // revoked or retired by a rotation before the score's log time.
                await Raw("sig-1", WireJson.Score("sig-1", "e-1", 5), ReasonCodes.Unsigned, "signature");
                await Raw("sig-2", SignedWire.Sign(WireJson.Score("sig-2", "e-1", 5), signer: "e-2"), ReasonCodes.BadSignature, "signature");
                await Raw("sig-3", SignedWire.Sign(WireJson.Score("sig-3", "e-99", 5)), ReasonCodes.UnknownEvaluator, "evaluatorId");
                await Raw("sig-4", SignedWire.Sign(WireJson.Score("sig-4", "e-8", 5)), ReasonCodes.RevokedKey, "signature");
                await Raw("sig-5", SignedWire.Sign(WireJson.Score("sig-5", "e-7", 5)), ReasonCodes.RevokedKey, "signature");

                // Contract refusals of the log itself: a key that is not the task id, a timestamp far ahead of stream time.
                await Send(TopicNames.Default.Tasks, "not-k-1", Encoding.UTF8.GetBytes(WireJson.Task("k-1", "e-1")), ReasonCodes.KeyMismatch, "key");

                // A key with a NUL (a C producer sending strlen + 1 bytes): PostgreSQL's jsonb cannot hold NUL, so the dead
                // letter keeps the key with its control characters escaped, or storing it would fail on every restart.
                await Send(TopicNames.Default.Tasks, "k-2\0", Encoding.UTF8.GetBytes(WireJson.Task("k-2", "e-1")), ReasonCodes.KeyMismatch, "key");
                await Send(TopicNames.Default.Scores, "s-1", Encoding.UTF8.GetBytes(WireJson.Score("s-1", "e-1", 5)), ReasonCodes.ClockSkew, "timestamp", TimeSpan.FromHours(5));

                // Valid traffic after all of it.
                for (int t = 1; t <= 3; t++)
                {
                    await Task($"ok-{t}", WireJson.Task($"ok-{t}", "e-1", "e-2", "e-3"));
                    await Score($"ok-{t}", WireJson.Score($"ok-{t}", "e-1", 7));
                    await Score($"ok-{t}", WireJson.Score($"ok-{t}", "e-2", 7.5));
                    await Score($"ok-{t}", WireJson.Score($"ok-{t}", "e-3", 8));
                }

                // Log time moves on (every wait expires) in both topics.
                foreach (string topic in new[] { TopicNames.Default.Tasks, TopicNames.Default.Scores })
                {
                    await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = null, Value = ClockRecord.PayloadBytes(), Timestamp = new Timestamp(at.AddMinutes(1)) });
                }

                // Replays of ok-1's signed score once ok-1 is settled (a replay is named as such against what is recorded):
                // for another task, and under another scoreId of the same task.
                Assert.True(await Eventually.TrueAsync(async () => (await EventStoreSnapshot.LoadAsync(connection)).Finalized.Any(f => f.TaskId == "ok-1"), TimeSpan.FromSeconds(30)), "ok-1 was not settled");
                string original = SignedWire.Sign(WireJson.Score("ok-1", "e-1", 7));
                await Raw("r-1", original.Replace("\"taskId\":\"ok-1\"", "\"taskId\":\"r-1\"", StringComparison.Ordinal), ReasonCodes.ReplayedSignature, "signature");
                await Raw("ok-1", original.Replace("\"scoreId\":\"ok-1-e-1\"", "\"scoreId\":\"ok-1-e-1-again\"", StringComparison.Ordinal), ReasonCodes.ReplayedSignature, "signature");
            }

            // Every reason but the evaluator draw's, which needs tasks drawn from a registry (SamplingTests).
            Assert.Equal(ReasonCodes.All.Except([ReasonCodes.SamplingMismatch]).Order(StringComparer.Ordinal), bad.Select(b => b.Reason!).Distinct().Order(StringComparer.Ordinal));
            bool drained = await Eventually.TrueAsync(
                async () =>
                {
                    var totals = await Projections.Store.PipelineTotals.LoadAsync(connection, CancellationToken.None);
                    return totals.DeadLetters >= InputLetters() && totals.TasksFinalized >= 6;
                },
                TimeSpan.FromSeconds(30));
            var now = await Projections.Store.PipelineTotals.LoadAsync(connection, CancellationToken.None);
            Assert.True(drained, $"not drained: {now.DeadLetters} dead letters, {now.TasksFinalized} tasks; log: {string.Join(" | ", log)}");
            Assert.False(runner.Completion.IsCompleted, "the stream stopped on bad input");
            await runner.StopAsync();
        }

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        Assert.Equal(["ok-1", "ok-2", "ok-3", "w-1", "w-2", "w-3"], recorded.Finalized.Select(f => f.TaskId).Order(StringComparer.Ordinal));
        Assert.All(recorded.Finalized, f => Assert.Equal("all_scored", f.Facts.CloseReason));
        Assert.Equal(InputLetters(), recorded.Totals.DeadLetters);

        var records = recorded.DeadLetters.ToDictionary(d => (d.Topic, d.Partition, d.Offset));
        var messages = KafkaTestClients.ReadAll(broker.BootstrapServers, TopicNames.Default.DeadLetter, 1)
            .Select(m => JsonDocument.Parse(m.Message.Value).RootElement)
            .ToLookup(m => (m.GetProperty("source").GetProperty("topic").GetString()!, m.GetProperty("source").GetProperty("partition").GetInt32(), m.GetProperty("source").GetProperty("offset").GetInt64()));
        Assert.Equal(bad.Count, records.Count);
        foreach (var sent in bad)
        {
            var source = (sent.Position.Topic, sent.Position.Partition.Value, sent.Position.Offset.Value);
            bool utf8 = IsStorableText(sent.Payload);
            string payload = utf8 ? Encoding.UTF8.GetString(sent.Payload) : Convert.ToBase64String(sent.Payload);

            Assert.True(records.TryGetValue(source, out var record), $"no DeadLetterRecord for {sent.Reason} at {source}");
            Assert.Equal(sent.Reason, record.Reason);
            Assert.Equal(sent.Field, record.Field);
            Assert.Contains(sent.Field ?? (sent.Reason == ReasonCodes.OversizedMessage ? "payload" : "JSON"), record.Error, StringComparison.Ordinal);
            Assert.Equal(sent.Timestamp, record.RecordedAt); // log time, not the processing machine's clock
            Assert.Equal(payload, record.Payload);
            Assert.Equal(utf8 ? "utf8" : "base64", record.PayloadEncoding);
            Assert.Equal(sent.Key.Replace("\0", "\\u0000", StringComparison.Ordinal), record.Key);
            Assert.DoesNotContain('\0', record.Error);

            var published = Assert.Single(messages[source]); // no crash in this test: exactly once on the topic
            Assert.Equal("deadletter", published.GetProperty("type").GetString());
            Assert.Equal(sent.Reason, published.GetProperty("reason").GetString());
            Assert.Equal(record.Error, published.GetProperty("error").GetString());
            Assert.Equal(sent.Field, published.GetProperty("field").GetString());
            bool truncated = payload.Length > OutputMessageFactory.MaxPayloadChars;
            Assert.Equal(truncated ? payload[..OutputMessageFactory.MaxPayloadChars] : payload, published.GetProperty("payload").GetString());
            Assert.Equal(truncated, published.TryGetProperty("payloadTruncated", out var cut) && cut.GetBoolean());
            Assert.Equal(record.PayloadEncoding, published.GetProperty("payloadEncoding").GetString());
        }

        // The windows accepted exactly the valid scores, whatever was refused around them.
        var w1 = recorded.Finalized.Single(f => f.TaskId == "w-1");
        Assert.Equal([4.0, 6.0], w1.Facts.AcceptedScores.Select(s => s.Score));
        Assert.Equal(["e-1", "e-2"], recorded.Finalized.Single(f => f.TaskId == "w-2").Facts.AcceptedScores.Select(s => s.EvaluatorId));
        Assert.Equal(["w-3-e-1", "w-3-e-2"], recorded.Finalized.Single(f => f.TaskId == "w-3").Facts.AcceptedScores.Select(s => s.ScoreId));
        Assert.Equal(good.Count, recorded.Finalized.Sum(f => 1 + f.Facts.AcceptedScores.Count));

        // Each accepted score keeps the signature it arrived with (evidence an auditor can check again).
        Assert.All(recorded.Finalized.SelectMany(f => f.Facts.AcceptedScores), s => Assert.Equal(64, s.Signature?.Length));

        // The registry as recorded: each applied change an event, folded into the keys the pipeline judged with.
        using var store = Projections.Store.PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var registry = await Pipeline.Registry.RegistryHistory.LoadAsync(session, CancellationToken.None);
        var keys = registry.Snapshot().ToDictionary(e => e.EvaluatorId, e => e.History);
        Assert.Equal(9, keys.Count);
        Assert.Equal([RegistryAction.Register, RegistryAction.Rotate], keys["e-7"].Select(k => k.Action));
        Assert.Null(keys["e-8"][^1].Key);
        Assert.DoesNotContain("e-50", keys.Keys);
    }

    // Strict UTF-8 without NUL: what the dead letter keeps as text rather than base64.
    private static bool IsStorableText(byte[] payload)
    {
        try
        {
            return !new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload).Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private sealed record Sent(TopicPartitionOffset Position, string Key, byte[] Payload, string? Reason, string? Field, DateTimeOffset Timestamp);
}
