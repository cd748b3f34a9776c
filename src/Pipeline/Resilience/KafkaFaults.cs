using Confluent.Kafka;

namespace PoQ.Pipeline.Resilience;

/// <summary>
/// Kafka failures librdkafka itself reports as recoverable: everything that is not fatal (all brokers down, transport
/// failures, leader changes, timed-out deliveries). librdkafka reconnects by itself; the pipeline only has to wait.
/// </summary>
public static class KafkaFaults
{
    /// <summary>True when <paramref name="error"/> or an exception it wraps is a non-fatal Kafka error.</summary>
    public static bool IsTransient(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is KafkaException kafka)
            {
                return !kafka.Error.IsFatal;
            }
        }

        return false;
    }

    /// <summary>True for errors librdkafka raises while the brokers are unreachable (reported through the error handler).</summary>
    public static bool IsBrokerUnreachable(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport or ErrorCode.Local_TimedOut
            or ErrorCode.Local_MsgTimedOut or ErrorCode.BrokerNotAvailable or ErrorCode.NetworkException;
    }
}
