using System.Runtime.InteropServices;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// The slice of librdkafka's C API the embedded broker needs (rdkafka.h and rdkafka_mock.h, cdecl). The name
/// "librdkafka" is answered by <see cref="NativeKafka"/>'s resolver with the same handle Confluent.Kafka uses.
/// </summary>
internal static partial class LibrdkafkaMock
{
    private const string Library = "librdkafka";

    /// <summary>RD_KAFKA_CONF_OK.</summary>
    public const int ConfOk = 0;

    /// <summary>RD_KAFKA_PRODUCER: the mock cluster needs a client handle to own its thread.</summary>
    public const int ProducerType = 0;

    /// <summary>RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.</summary>
    public const int TopicAlreadyExists = 36;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr ClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void ClusterDestroy(IntPtr cluster);

    /// <summary>Returns "127.0.0.1:port,…", owned by the cluster.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr ClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TopicCreate(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int BrokerSetDown(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int BrokerSetUp(IntPtr cluster, int brokerId);

    /// <summary>The next <paramref name="count"/> requests of API <paramref name="apiKey"/> fail with <paramref name="errors"/>, in order (rdkafka_mock.h).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void PushRequestErrorsArray(IntPtr cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    public static partial void GroupInitialRebalanceDelayMs(IntPtr cluster, int delayMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorToString(int error);

    public static string Describe(int error) => $"{Marshal.PtrToStringUTF8(ErrorToString(error))} (code {error})";
}
