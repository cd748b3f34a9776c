using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.SimulatedFeed;
using PoQ.SimulatedFeed.Escalations;
using PoQ.Simulation.Network;
using PoQ.Testing;
using PoQ.Testing.Kafka;

namespace PoQ.Pipeline.Tests.Feed;

/// <summary>
/// The simulator's responder against a real Kafka-protocol broker over TCP: hand-made requests on an escalations topic,
/// the signed answers read back from a scores topic as a pipeline would read them.
/// </summary>
public sealed class EscalationResponderTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly NetworkScenarioOptions Scenario = new() { Tasks = 30, Evaluators = 12, K = 3, Seed = 31, BadMessageRatio = 0 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<string> log = new();

    private (TopicNames Topics, EscalationResponderOptions Options) Fresh()
    {
        var topics = TopicNames.Default with { Escalations = kafka.NewTopic("escalations", 2), Scores = kafka.NewTopic("scores", 2) };
        return (topics, new EscalationResponderOptions { Topics = topics, Group = "responder-" + topics.Escalations });
    }

    private EscalationResponder Start(EscalationResponderOptions options)
    {
        var responder = EscalationResponder.Start(kafka.BootstrapServers, Scenario, log.Enqueue, options);
        foreach (var task in NetworkScenario.Generate(Scenario).OfType<SimulatedTask>())
        {
            responder.Remember(task);
        }

        return responder;
    }

    private async Task SendAsync(string topic, string? key, string payload)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(kafka.BootstrapServers)).Build();
        await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(payload) });
    }

    /// <summary>Every record of <paramref name="topic"/>, read from the beginning until <paramref name="quiet"/> passes without a new one (at least <paramref name="atLeast"/> awaited up to <see cref="Patience"/>).</summary>
    private List<ConsumeResult<string?, byte[]>> ReadAll(string topic, int atLeast, TimeSpan quiet)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(KafkaClientDefaults.Consumer(kafka.BootstrapServers, "reader-" + topic)).Build();
        consumer.Assign(Enumerable.Range(0, 2).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string?, byte[]>>();
        var started = DateTime.UtcNow;
        var last = DateTime.UtcNow;
        while (DateTime.UtcNow - started < Patience && (records.Count < atLeast || DateTime.UtcNow - last < quiet))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } record)
            {
                records.Add(record);
                last = DateTime.UtcNow;
            }
        }

        return records;
    }

    [Fact]
    public async Task Responder_Request_PublishesOneSignedScorePerEvaluator_AndARepeatNoSecondSet()
    {
        var (topics, options) = Fresh();
        var task = NetworkScenario.Generate(Scenario).OfType<SimulatedTask>().ElementAt(11);
        var request = EscalationRepliesTests.RequestFor(task);
        await using var responder = Start(options);
        await SendAsync(topics.Escalations, task.TaskId, request.ToJson());

        var records = ReadAll(topics.Scores, request.Evaluators.Count, TimeSpan.FromSeconds(1));
        Assert.Equal(request.Evaluators.Count, records.Count);
        using var identities = new SimulatedIdentities();
        var scores = records.Select(r => (Record: r, Score: WireParser.ParseScore(r.Message.Value).Value!)).ToList();
        Assert.Equal(request.Evaluators.Order(StringComparer.Ordinal), scores.Select(s => s.Score.EvaluatorId).Order(StringComparer.Ordinal));
        Assert.All(scores, pair =>
        {
            var (record, score) = pair;
            Assert.Equal(task.TaskId, record.Message.Key);
            Assert.Equal(task.TaskId, score.TaskId);
            Assert.Equal(EscalationAnswers.ScoreIdOf(task.TaskId, score.EvaluatorId), score.ScoreId);
            Assert.True(Ed25519Verifier.TryImport(identities.For(score.EvaluatorId).PublicKey, out var key));
            Assert.True(Ed25519Verifier.Verify(key, ScoreSignaturePayload.Of(score), score.Signature));
            var stamp = record.Message.Timestamp.UtcDateTime;
            Assert.Equal(TimestampType.CreateTime, record.Message.Timestamp.Type);
            Assert.InRange(stamp, request.RequestedAt.UtcDateTime, request.Deadline.UtcDateTime);
            Assert.Equal(score.SubmittedAt.UtcDateTime, stamp, TimeSpan.FromMilliseconds(1)); // Kafka keeps milliseconds
        });
        Assert.True(await Eventually.TrueAsync(() => responder.Counts.RequestsAnswered == 1, Patience));

        // The pipeline re-sends after a restart: same id, no second set.
        await SendAsync(topics.Escalations, task.TaskId, request.ToJson());
        Assert.True(await Eventually.TrueAsync(() => responder.Counts.RequestsSeen == 2, Patience));
        Assert.Equal(request.Evaluators.Count, ReadAll(topics.Scores, request.Evaluators.Count, TimeSpan.FromSeconds(2)).Count);
        var counts = await responder.StopAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(new EscalationCounts(RequestsSeen: 2, RequestsAnswered: 1, RequestsRepeated: 1, RequestsSkipped: 0, ScoresPublished: request.Evaluators.Count), counts);
        Assert.Empty(log);
    }

    [Fact]
    public async Task Responder_BadRecordsUnknownTasksAndOutsiders_AreLoggedOnceAndSkipped_ItCarriesOn()
    {
        var (topics, options) = Fresh();
        var tasks = NetworkScenario.Generate(Scenario).OfType<SimulatedTask>().ToList();
        var unknown = EscalationRepliesTests.RequestFor(tasks[0]) with { TaskId = "other-t1", EscalationId = EscalationRequest.IdOf("other-t1") };
        var outsiders = EscalationRepliesTests.RequestFor(tasks[1]) with { Evaluators = ["ev-40"] };
        var good = EscalationRepliesTests.RequestFor(tasks[2]);
        await using var responder = Start(options);
        await SendAsync(topics.Escalations, "x", "{ not json");
        await SendAsync(topics.Escalations, unknown.TaskId, unknown.ToJson());
        await SendAsync(topics.Escalations, unknown.TaskId, unknown.ToJson());
        await SendAsync(topics.Escalations, tasks[1].TaskId, outsiders.ToJson());
        await SendAsync(topics.Escalations, null, "");
        await SendAsync(topics.Escalations, tasks[2].TaskId, good.ToJson());

        Assert.True(await Eventually.TrueAsync(() => responder.Counts.RequestsSeen == 6, Patience));
        var records = ReadAll(topics.Scores, good.Evaluators.Count, TimeSpan.FromSeconds(1));
        Assert.All(records, r => Assert.Equal(tasks[2].TaskId, r.Message.Key));
        Assert.Equal(good.Evaluators.Count, records.Count);
        Assert.Equal(new EscalationCounts(6, 1, 0, 5, good.Evaluators.Count), responder.Counts);
        string[] lines = [.. log];
        Assert.Equal(2, lines.Count(l => l.StartsWith("escalation: unreadable record skipped", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("other-t1", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("ev-40 not in the simulated pool", StringComparison.Ordinal));
        Assert.Equal(4, lines.Length);
    }
}
