using System.Runtime.InteropServices;
using System.Text;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// An in-process Kafka-protocol broker: librdkafka's mock cluster, serving the real wire protocol over TCP on
/// 127.0.0.1 (ports chosen by the kernel). Any Kafka client — Confluent in this process, kcat or a <c>poq</c>
/// process elsewhere — connects with <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// Limits a user must know (environment.md, "Kafka"): topics auto-create with 4 partitions, so create them with
/// <see cref="CreateTopic"/> (the AdminClient's CreateTopics is not implemented); each partition keeps only its last
/// ~5 MiB and drops older data silently (see <see cref="KafkaDataLoss"/>); nothing survives <see cref="Dispose"/>.
/// </remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private readonly Lock gate = new();
    private IntPtr client;
    private IntPtr cluster;
    private bool disposed;

    private EmbeddedKafkaBroker(IntPtr client, IntPtr cluster, int brokerCount, string bootstrapServers)
    {
        this.client = client;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>"127.0.0.1:port[,127.0.0.1:port…]": the <c>bootstrap.servers</c> value for clients.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Brokers in a cluster by default: one (what the pipeline and the benches need).</summary>
    public const int DefaultBrokers = 1;

    /// <summary>
    /// Starts a mock cluster of <paramref name="brokers"/> brokers with the consumer-group initial rebalance delay
    /// set to 0 (a group forms at once instead of after Kafka's default 3 s).
    /// </summary>
    public static EmbeddedKafkaBroker Start(int brokers = DefaultBrokers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokers, 64);
        NativeKafka.EnsureLoaded();

        var error = new byte[512];
        IntPtr conf = LibrdkafkaMock.ConfNew();
        // The owning client never connects anywhere; it only hosts the mock cluster's thread. Its logs are noise.
        if (LibrdkafkaMock.ConfSet(conf, "log_level", "3", error, (nuint)error.Length) != LibrdkafkaMock.ConfOk)
        {
            LibrdkafkaMock.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected the mock client's configuration: {Text(error)}");
        }

        IntPtr client = LibrdkafkaMock.New(LibrdkafkaMock.ProducerType, conf, error, (nuint)error.Length);
        if (client == IntPtr.Zero)
        {
            LibrdkafkaMock.ConfDestroy(conf); // rd_kafka_new takes ownership only on success.
            throw new InvalidOperationException($"librdkafka could not create the mock cluster's client: {Text(error)}");
        }

        IntPtr cluster = LibrdkafkaMock.ClusterNew(client, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaMock.Destroy(client);
            throw new InvalidOperationException("librdkafka could not start the mock cluster (could it bind 127.0.0.1?).");
        }

        LibrdkafkaMock.GroupInitialRebalanceDelayMs(cluster, 0);
        string bootstraps = Marshal.PtrToStringUTF8(LibrdkafkaMock.ClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        return new EmbeddedKafkaBroker(client, cluster, brokers, bootstraps);
    }

    /// <summary>
    /// Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (replication 1). Returns
    /// <see langword="true"/> when created, <see langword="false"/> when it already existed (its partition count is
    /// then unchanged — compare before relying on co-partitioning); throws on any other error.
    /// </summary>
    public bool CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        int result = WithCluster(c => LibrdkafkaMock.TopicCreate(c, topic, partitions, 1));
        return result switch
        {
            0 => true,
            LibrdkafkaMock.TopicAlreadyExists => false,
            _ => throw new InvalidOperationException($"Creating topic '{topic}' failed: {LibrdkafkaMock.Describe(result)}"),
        };
    }

    /// <summary>Fault injection: broker <paramref name="brokerId"/> (1..N) drops its connections and refuses new ones.</summary>
    public void SetBrokerDown(int brokerId) => Check(WithCluster(c => LibrdkafkaMock.BrokerSetDown(c, CheckId(brokerId))), "down", brokerId);

    /// <summary>Ends <see cref="SetBrokerDown"/>: broker <paramref name="brokerId"/> accepts connections again.</summary>
    public void SetBrokerUp(int brokerId) => Check(WithCluster(c => LibrdkafkaMock.BrokerSetUp(c, CheckId(brokerId))), "up", brokerId);

    /// <summary>
    /// Fault injection: the next <paramref name="count"/> requests of Kafka API <paramref name="apiKey"/> (e.g. 0 Produce,
    /// 1 Fetch, 3 Metadata, 8 OffsetCommit, 12 Heartbeat) are answered with Kafka error code <paramref name="errorCode"/>
    /// (e.g. 6 NOT_LEADER_OR_FOLLOWER, 7 REQUEST_TIMED_OUT, 8 BROKER_NOT_AVAILABLE) by whichever broker receives them.
    /// </summary>
    public void PushRequestErrors(short apiKey, int errorCode, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(apiKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100_000);
        var errors = Enumerable.Repeat(errorCode, count).ToArray();
        WithCluster(c =>
        {
            LibrdkafkaMock.PushRequestErrorsArray(c, apiKey, (nuint)errors.Length, errors);
            return 0;
        });
    }

    /// <summary>Stops the brokers (clients see disconnects) and frees everything; data is gone.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            LibrdkafkaMock.ClusterDestroy(cluster);
            LibrdkafkaMock.Destroy(client);
            cluster = IntPtr.Zero;
            client = IntPtr.Zero;
        }
    }

    // Holding the lock across the native call keeps Dispose from freeing the cluster under it.
    private int WithCluster(Func<IntPtr, int> call)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return call(cluster);
        }
    }

    private int CheckId(int brokerId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        return brokerId;
    }

    private static void Check(int result, string state, int brokerId)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"Setting broker {brokerId} {state} failed: {LibrdkafkaMock.Describe(result)}");
        }
    }

    private static string Text(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
