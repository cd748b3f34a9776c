using System.Globalization;
using PoQ.Hosting.Kafka;

namespace PoQ.Testing.Kafka;

/// <summary>
/// One embedded Kafka-protocol broker per test class (<c>IClassFixture&lt;EmbeddedKafkaFixture&gt;</c>). Tests share it,
/// so each creates its own topics with <see cref="NewTopic"/> instead of reusing the PoQ names.
/// </summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    private int topicCounter;

    /// <summary>Starts a one-broker cluster.</summary>
    public EmbeddedKafkaFixture() => Broker = EmbeddedKafkaBroker.Start();

    /// <summary>The running broker.</summary>
    public EmbeddedKafkaBroker Broker { get; }

    /// <summary>Its bootstrap servers.</summary>
    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Creates a topic with a name unique within this fixture and returns the name.</summary>
    public string NewTopic(string prefix, int partitions)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{prefix}.{Interlocked.Increment(ref topicCounter)}");
        Broker.CreateTopic(name, partitions);
        return name;
    }

    /// <inheritdoc />
    public void Dispose() => Broker.Dispose();
}
