using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;

namespace PoQ.Hosting.Tests.Kafka;

public sealed class PoqTopicsTests
{
    [Fact]
    public void All_IsTheWireContract() =>
        Assert.Equal(["poq.tasks", "poq.scores", "poq.consensus", "poq.rewards", "poq.deadletter", "poq.registry", "poq.escalations"], TopicNames.Default.All);

    [Fact]
    public void EnsureTopics_FreshBroker_CreatesAllWithTheSamePartitionCount_ButTheRegistryWithOne_ThenReportsThemExisting()
    {
        using var broker = EmbeddedKafkaBroker.Start();

        Assert.Empty(PoqTopics.EnsureTopics(broker, partitions: 12));
        Assert.Equal(TopicNames.Default.All, PoqTopics.EnsureTopics(broker, partitions: 12));
        Assert.All(TopicNames.Default.All, topic => Assert.Equal(topic == TopicNames.Default.Registry ? 1 : 12, KafkaPartitions.Of(broker.BootstrapServers, topic, TimeSpan.FromSeconds(10)).Count));
    }
}
