using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Testing.Kafka;

namespace PoQ.Hosting.Tests.Kafka;

public sealed class KafkaDataLossTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Find_OffsetBelowLowWatermark_AfterTheBrokerDroppedOldData_ReportsDeletedMessages()
    {
        string topic = kafka.NewTopic("t.overflow", 1);
        ProduceBytes(topic, 8 * 1024 * 1024); // the embedded broker keeps ~5 MiB per partition

        using var consumer = new ConsumerBuilder<string, string>(KafkaClientDefaults.Consumer(kafka.BootstrapServers, "pipeline")).Build();
        var losses = KafkaDataLoss.Find(consumer, [new TopicPartitionOffset(topic, 0, 0)], Timeout);

        var loss = Assert.Single(losses);
        Assert.Equal(DataLossKind.DeletedBeforeRead, loss.Kind);
        Assert.Equal(0, loss.DesiredOffset);
        Assert.True(loss.LowWatermark > 0);
        Assert.Equal(loss.LowWatermark, loss.MissingMessages);
        Assert.Contains("deleted by the broker", loss.ToString(), StringComparison.Ordinal);

        // Starting at the low watermark, or at a logical offset, loses nothing.
        Assert.Empty(KafkaDataLoss.Find(consumer, [new TopicPartitionOffset(topic, 0, loss.LowWatermark), new TopicPartitionOffset(topic, 0, Offset.Beginning)], Timeout));
    }

    [Fact]
    public void Consume_FromADeletedOffset_SilentlyJumpsToTheLowWatermark_WhichIsWhyFindMustRunFirst()
    {
        string topic = kafka.NewTopic("t.silent", 1);
        ProduceBytes(topic, 7 * 1024 * 1024);
        using var probe = new ConsumerBuilder<string, string>(KafkaClientDefaults.Consumer(kafka.BootstrapServers, "probe")).Build();
        long low = probe.QueryWatermarkOffsets(new TopicPartition(topic, 0), Timeout).Low.Value;

        var read = KafkaTestClients.Read(kafka.BootstrapServers, topic, new Dictionary<int, Offset> { [0] = 0 }, Timeout);

        Assert.True(low > 0);
        Assert.Equal(low, read[0].Offset.Value);
    }

    [Fact]
    public async Task Find_OffsetBeyondTheHighWatermark_ReportsALogBehindTheStoredOffset()
    {
        string topic = kafka.NewTopic("t.behind", 2);
        using (var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(kafka.BootstrapServers)).Build())
        {
            await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = "v" });
        }

        using var consumer = new ConsumerBuilder<string, string>(KafkaClientDefaults.Consumer(kafka.BootstrapServers, "pipeline")).Build();
        var losses = KafkaDataLoss.Find(consumer, [new TopicPartitionOffset(topic, 0, 1), new TopicPartitionOffset(topic, 1, 5_000)], Timeout);

        var loss = Assert.Single(losses);
        Assert.Equal(new TopicPartition(topic, 1), loss.Partition);
        Assert.Equal(DataLossKind.LogBehindStoredOffset, loss.Kind);
        Assert.Equal(0, loss.HighWatermark);
        Assert.Equal(0, loss.MissingMessages);
    }

    private void ProduceBytes(string topic, int totalBytes)
    {
        string value = new('x', 1024);
        using var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(kafka.BootstrapServers)).Build();
        for (int sent = 0; sent < totalBytes; sent += value.Length)
        {
            producer.Produce(topic, new Message<string, string> { Key = "t-1", Value = value });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
    }
}
