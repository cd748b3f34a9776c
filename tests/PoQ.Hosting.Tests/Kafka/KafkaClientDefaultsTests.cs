using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Testing.Kafka;

namespace PoQ.Hosting.Tests.Kafka;

public sealed class KafkaClientDefaultsTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public void Producer_IsIdempotentWithAcksAll()
    {
        var config = KafkaClientDefaults.Producer("127.0.0.1:1");

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
    }

    [Fact]
    public void Consumer_NeverCommitsOrStoresOffsetsItself()
    {
        var config = KafkaClientDefaults.Consumer("127.0.0.1:1", "g");

        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(6_000, config.SessionTimeoutMs);
    }

    [Fact]
    public async Task ProduceJsonScores_ThenConsumeAssigned_ReturnsEveryMessageWithItsKey()
    {
        string topic = kafka.NewTopic(TopicNames.Default.Scores, 8);
        var sent = Enumerable.Range(0, 500).Select(Score).ToList();
        using (var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(kafka.BootstrapServers)).Build())
        {
            foreach (var (taskId, json) in sent)
            {
                producer.Produce(topic, new Message<string, string> { Key = taskId, Value = json });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        var received = KafkaTestClients.ReadAll(kafka.BootstrapServers, topic, 8);

        Assert.Equal(sent.OrderBy(s => s.Json, StringComparer.Ordinal), received.Select(r => (r.Message.Key, r.Message.Value)).OrderBy(s => s.Value, StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal(r.Message.Key, JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("taskId").GetString()));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task SameKey_ToTasksAndScores_LandsInTheSamePartitionNumber()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, partitions: 16);
        using var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build();

        var partitionsUsed = new HashSet<int>();
        for (int i = 0; i < 100; i++)
        {
            string taskId = $"t-{i}";
            var task = await producer.ProduceAsync(TopicNames.Default.Tasks, new Message<string, string> { Key = taskId, Value = "{}" });
            var score = await producer.ProduceAsync(TopicNames.Default.Scores, new Message<string, string> { Key = taskId, Value = "{}" });
            Assert.Equal(task.Partition, score.Partition);
            partitionsUsed.Add(task.Partition.Value);
        }

        Assert.True(partitionsUsed.Count > 8, "keys spread over the partitions");
    }

    [Fact]
    public async Task SecondConsumer_AssignedAtAStoredOffset_SeesExactlyTheRemainder()
    {
        string topic = kafka.NewTopic("t.manual", 1);
        using (var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(kafka.BootstrapServers)).Build())
        {
            for (int i = 0; i < 100; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = i.ToString(CultureInfo.InvariantCulture) });
            }
        }

        long stored;
        var config = KafkaClientDefaults.Consumer(kafka.BootstrapServers, "pipeline");
        using (var first = new ConsumerBuilder<string, string>(config).Build())
        {
            KafkaPartitions.AssignAt(first, topic, new Dictionary<int, Offset> { [0] = Offset.Beginning });
            ConsumeResult<string, string>? last = null;
            for (int i = 0; i < 40; i++)
            {
                last = first.Consume(TimeSpan.FromSeconds(10));
            }

            stored = last!.Offset.Value + 1; // what the pipeline writes to PostgreSQL with the events
            first.Close();
        }

        var remainder = KafkaTestClients.Read(kafka.BootstrapServers, topic, new Dictionary<int, Offset> { [0] = stored }, TimeSpan.FromSeconds(10));
        Assert.Equal(40, stored);
        Assert.Equal(Enumerable.Range(40, 60).Select(i => i.ToString(CultureInfo.InvariantCulture)), remainder.Select(r => r.Message.Value));

        // Nothing was committed to Kafka: the same group resuming from "stored" offsets starts over.
        var fromKafka = KafkaTestClients.Read(kafka.BootstrapServers, topic, new Dictionary<int, Offset> { [0] = Offset.Stored }, TimeSpan.FromSeconds(10));
        Assert.Equal(100, fromKafka.Count);
    }

    private static (string TaskId, string Json) Score(int i)
    {
        string taskId = $"t-{i / 3}";
        string json = JsonSerializer.Serialize(new
        {
            type = "score",
            scoreId = $"s-{i}",
            taskId,
            evaluatorId = $"ev-{i % 7}",
            score = (i % 101) / 10.0,
            cost = new { latencyMs = 35 },
            submittedAt = "2026-01-01T00:00:01Z",
        });
        return (taskId, json);
    }
}
