using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Kafka;

namespace PoQ.Pipeline.Tests.Kafka;

/// <summary>
/// The end offsets the merge's idle-wait confirmations compare positions with come from the broker, for many
/// topic-partitions in one request: a real broker over TCP holding a known number of records per partition.
/// </summary>
public sealed class EndOffsetsTests : IDisposable
{
    private readonly EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.Start();

    public void Dispose() => broker.Dispose();

    [Fact]
    public void Query_AnswersEachPartitionsEndFromTheBroker()
    {
        PoqTopics.EnsureTopics(broker, 3);
        int[] records = [3, 0, 5];
        using (var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build())
        {
            for (int partition = 0; partition < records.Length; partition++)
            {
                for (int i = 0; i < records[partition]; i++)
                {
                    producer.Produce(new TopicPartition("poq.scores", partition), new Message<string?, byte[]> { Key = "k", Value = [1] });
                }
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        using var admin = new AdminClientBuilder(KafkaSettings.Admin(broker.BootstrapServers, "end-offsets-test")).Build();
        var asked = Enumerable.Range(0, records.Length).Select(p => new TopicPartition("poq.scores", p)).Append(new TopicPartition("poq.tasks", 1)).ToList();

        var ends = new EndOffsets(admin).Query(asked, TimeSpan.FromSeconds(10));

        Assert.Equal(3, ends[new TopicPartition("poq.scores", 0)]);
        Assert.Equal(0, ends[new TopicPartition("poq.scores", 1)]);
        Assert.Equal(5, ends[new TopicPartition("poq.scores", 2)]);
        Assert.Equal(0, ends[new TopicPartition("poq.tasks", 1)]);
        Assert.Equal(4, ends.Count);
    }

    [Fact]
    public void Query_LeavesOutWhatTheBrokerCannotAnswer()
    {
        PoqTopics.EnsureTopics(broker, 2);
        using var admin = new AdminClientBuilder(KafkaSettings.Admin(broker.BootstrapServers, "end-offsets-test")).Build();

        var ends = new EndOffsets(admin).Query([new TopicPartition("poq.scores", 0), new TopicPartition("poq.scores", 7)], TimeSpan.FromSeconds(10));

        Assert.Equal(0, ends[new TopicPartition("poq.scores", 0)]);
        Assert.False(ends.ContainsKey(new TopicPartition("poq.scores", 7)), "a partition that does not exist has no end");
    }

    [Fact]
    public void Query_OfNothing_AsksNothing()
    {
        using var admin = new AdminClientBuilder(KafkaSettings.Admin(broker.BootstrapServers, "end-offsets-test")).Build();

        Assert.Empty(new EndOffsets(admin).Query([], TimeSpan.FromSeconds(1)));
    }
}
