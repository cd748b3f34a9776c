using Confluent.Kafka;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// The one owner of a group consumer that the source's reads (on a worker thread), the lag metric and the runner's close
/// share. librdkafka forbids closing a consumer while a call on it is in flight — a graceful stop that did so died with
/// "malloc(): unaligned tcache chunk detected" (bug 2) — so every use and the close take one lock, and a use after the
/// close gets its fallback without touching the consumer.
/// </summary>
public sealed class ConsumerLease<TKey, TValue>(IConsumer<TKey, TValue> consumer)
{
    private readonly Lock gate = new();
    private bool closed;

    /// <summary>True once <see cref="Close"/> has run.</summary>
    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    /// <summary>Runs <paramref name="use"/> on the consumer, or returns <paramref name="whenClosed"/> once it is closed.</summary>
    public T Use<T>(Func<IConsumer<TKey, TValue>, T> use, T whenClosed)
    {
        ArgumentNullException.ThrowIfNull(use);
        lock (gate)
        {
            return closed ? whenClosed : use(consumer);
        }
    }

    /// <summary>
    /// Waits for a use in flight to return, runs <paramref name="beforeClose"/>, then closes (leaving the group) and
    /// disposes the consumer. Idempotent.
    /// </summary>
    public void Close(Action? beforeClose = null)
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            beforeClose?.Invoke();
            consumer.Close();
            consumer.Dispose();
        }
    }
}
