using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Registry;
using PoQ.Pipeline.Tests.TestSupport;

namespace PoQ.Pipeline.Tests.Registry;

/// <summary>
/// The registry follower against a real broker over TCP: a registry written in transactions ends with a commit marker,
/// a control record no consumer ever receives, so the follower must count the reader's position past it, not its last
/// message, as having read to the end the broker reports.
/// </summary>
public sealed class RegistryFollowerTests : IDisposable
{
    private readonly EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.Start();

    public void Dispose() => broker.Dispose();

    [Fact]
    public void Sync_ARegistryWrittenInTransactions_ReadsToItsEndAndOnlyNewChangesAfter()
    {
        PoqTopics.EnsureTopics(broker, 1);
        var config = KafkaClientDefaults.Producer(broker.BootstrapServers);
        config.TransactionalId = "registry-writer";
        using var producer = new ProducerBuilder<string?, byte[]>(config).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        WriteInTransaction(producer, "ev-1", "ev-2");
        using var admin = new AdminClientBuilder(KafkaSettings.Admin(broker.BootstrapServers, "registry-follower-test")).Build();
        using var follower = new RegistryFollower(broker.BootstrapServers, TopicNames.Default.Registry, new KeyRegistry(), "test", new EndOffsets(admin));

        var first = follower.Sync(TimeSpan.FromSeconds(5));
        WriteInTransaction(producer, "ev-3");
        var second = follower.Sync(TimeSpan.FromSeconds(5));
        var third = follower.Sync(TimeSpan.FromSeconds(5));

        Assert.Equal(["ev-1", "ev-2"], first.Select(r => r.Change?.EvaluatorId));
        Assert.Equal(["ev-3"], second.Select(r => r.Change?.EvaluatorId));
        Assert.Empty(third);
    }

    private static void WriteInTransaction(IProducer<string?, byte[]> producer, params string[] evaluators)
    {
        producer.BeginTransaction();
        foreach (string evaluator in evaluators)
        {
            producer.Produce(TopicNames.Default.Registry, new Message<string?, byte[]> { Key = evaluator, Value = SignedWire.Registry(RegistryAction.Register, evaluator) });
        }

        producer.CommitTransaction(TimeSpan.FromSeconds(30));
    }
}
