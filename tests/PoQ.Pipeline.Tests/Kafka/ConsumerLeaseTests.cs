using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Kafka;

namespace PoQ.Pipeline.Tests.Kafka;

/// <summary>
/// Bug 2, made deterministic: the close of a consumer whose read is inside <c>Consume</c> on another thread must wait for
/// that read to return. The read holds the lease while it blocks in a real <c>Consume</c> against a real broker; the
/// test asserts the order of the two, not a timing, so it cannot pass by luck.
/// </summary>
public sealed class ConsumerLeaseTests : IDisposable
{
    private readonly EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.Start();

    public void Dispose() => broker.Dispose();

    private ConsumerLease<string?, byte[]> Lease()
    {
        PoqTopics.EnsureTopics(broker, 2);
        var consumer = new ConsumerBuilder<string?, byte[]>(KafkaClientDefaults.Consumer(broker.BootstrapServers, "lease-test")).Build();
        consumer.Subscribe(["poq.scores"]);
        return new ConsumerLease<string?, byte[]>(consumer);
    }

    [Fact]
    public async Task Close_WhileAReadIsInsideConsume_WaitsForItToReturn()
    {
        var lease = Lease();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var inside = new ManualResetEventSlim();

        var read = Task.Run(() => lease.Use(
            consumer =>
            {
                inside.Set();
                var result = consumer.Consume(TimeSpan.FromMilliseconds(700)); // nothing to read: blocks the whole timeout
                order.Enqueue("read returned");
                return result;
            },
            whenClosed: null));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)), "the read never started");

        var close = Task.Run(() => lease.Close(() => order.Enqueue("close began")));
        await Task.WhenAll(read, close).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["read returned", "close began"], order.ToArray());
        Assert.True(lease.IsClosed);
    }

    [Fact]
    public void Use_AfterClose_GetsTheFallbackWithoutTouchingTheConsumer()
    {
        var lease = Lease();
        lease.Close();
        lease.Close(); // idempotent: a second close must not dispose twice

        bool touched = false;
        string answer = lease.Use(_ => { touched = true; return "read"; }, whenClosed: "closed");

        Assert.Equal("closed", answer);
        Assert.False(touched);
    }
}
