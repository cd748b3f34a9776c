using PoQ.Hosting.Kafka;

namespace PoQ.Hosting.Tests.Kafka;

public sealed class PoqTopicsTests
{
    [Fact]
    public void All_IsTheWireContract() =>
        Assert.Equal(["poq.tasks", "poq.scores", "poq.consensus", "poq.rewards", "poq.deadletter"], PoqTopics.All);

    [Fact]
    public void EnsureTopics_FreshBroker_CreatesAllWithTheSamePartitionCount_ThenReportsThemExisting()
    {
        using var broker = EmbeddedKafkaBroker.Start();

        Assert.Empty(PoqTopics.EnsureTopics(broker, partitions: 12));
        Assert.Equal(PoqTopics.All, PoqTopics.EnsureTopics(broker, partitions: 12));
        Assert.All(PoqTopics.All, topic => Assert.Equal(12, KafkaPartitions.Of(broker.BootstrapServers, topic, TimeSpan.FromSeconds(10)).Count));
    }
}
