using PoQ.Hosting.Kafka;

namespace PoQ.Cli.Services;

/// <summary>Resolves the broker: <c>--kafka</c> when given, else an embedded Kafka-protocol broker started in this process.</summary>
internal sealed class KafkaEndpoint : IDisposable
{
    private readonly EmbeddedKafkaBroker? embedded;

    private KafkaEndpoint(string bootstrap, EmbeddedKafkaBroker? embedded)
    {
        Bootstrap = bootstrap;
        this.embedded = embedded;
    }

    public string Bootstrap { get; }

    public bool IsEmbedded => embedded is not null;

    /// <summary>Creates a topic on the embedded broker (null for an external one: use its admin API).</summary>
    public Action<string, int>? EmbeddedTopicCreator => embedded is null ? null : (topic, partitions) => embedded.CreateTopic(topic, partitions);

    public static KafkaEndpoint Resolve(string? explicitBootstrap, int partitions)
    {
        NativeKafka.EnsureLoaded();
        if (!string.IsNullOrWhiteSpace(explicitBootstrap))
        {
            return new KafkaEndpoint(explicitBootstrap, null);
        }

        var broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, partitions);
        PoqHome.RememberBroker(broker.BootstrapServers);
        return new KafkaEndpoint(broker.BootstrapServers, broker);
    }

    public void Dispose()
    {
        if (embedded is not null)
        {
            PoqHome.ForgetBroker(embedded.BootstrapServers);
            embedded.Dispose();
        }
    }
}
