using Confluent.Kafka;

namespace PoQ.Pipeline.Resilience;

/// <summary>
/// Kafka failures worth waiting out: the broker unreachable or restarting (all brokers down, transport failures,
/// timeouts, leader changes, too few in-sync replicas). librdkafka reconnects by itself; the pipeline only has to
/// wait. A permanent error (a message too large, an authorization failure) or a fatal one is not retried: waiting
/// would stall the pipeline forever.
/// </summary>
public static class KafkaFaults
{
    private static readonly HashSet<ErrorCode> Retriable =
    [
        ErrorCode.Local_AllBrokersDown, ErrorCode.Local_Transport, ErrorCode.Local_TimedOut, ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_QueueFull, ErrorCode.Local_Resolve, ErrorCode.BrokerNotAvailable, ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NetworkException, ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend, ErrorCode.NotCoordinatorForGroup, ErrorCode.GroupLoadInProgress,
        ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.UnknownTopicOrPart,
    ];

    /// <summary>True when <paramref name="error"/> or an exception it wraps is a retriable, non-fatal Kafka error.</summary>
    public static bool IsTransient(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is KafkaException kafka)
            {
                return !kafka.Error.IsFatal && Retriable.Contains(kafka.Error.Code);
            }
        }

        return false;
    }

    /// <summary>True for errors librdkafka raises while the brokers are unreachable (reported through the error handler).</summary>
    public static bool IsBrokerUnreachable(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return !error.IsFatal && Retriable.Contains(error.Code);
    }
}
