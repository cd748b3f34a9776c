using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;

namespace PoQ.Hosting.Tests.Kafka;

/// <summary><c>poq broker --control-port</c>'s protocol over TCP, against the real mock cluster.</summary>
public sealed class BrokerControlTests
{
    [Fact]
    public async Task Down_and_up_over_the_control_port_hold_and_release_deliveries()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("t.control", 1);
        await using var control = BrokerControlServer.Start(broker, 0);
        using var client = await ConnectAsync(control.Port);
        var config = KafkaClientDefaults.Producer(broker.BootstrapServers);
        config.MessageTimeoutMs = 20_000;
        using var producer = new ProducerBuilder<string, string>(config).SetLogHandler((_, _) => { }).Build();
        await producer.ProduceAsync("t.control", new Message<string, string> { Key = "a", Value = "before" });

        Assert.Equal("ok down 1", await client.AskAsync("down"));
        var pending = producer.ProduceAsync("t.control", new Message<string, string> { Key = "a", Value = "during" });
        await Task.Delay(1_500);
        Assert.False(pending.IsCompleted, "nothing can be acknowledged while the broker is down");
        Assert.Equal("ok up 1", await client.AskAsync("up all"));

        Assert.Equal(PersistenceStatus.Persisted, (await pending).Status);
    }

    [Fact]
    public async Task Injected_request_errors_reach_the_client()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("t.errors", 1);
        await using var control = BrokerControlServer.Start(broker, 0);
        using var client = await ConnectAsync(control.Port);
        using var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(broker.BootstrapServers)).SetLogHandler((_, _) => { }).Build();
        await producer.ProduceAsync("t.errors", new Message<string, string> { Key = "a", Value = "warm-up" });

        // Produce (API key 0) answered once with MESSAGE_TOO_LARGE (10): a permanent error, so the client reports it.
        Assert.Equal("ok errors api 0 code 10 × 1", await client.AskAsync("errors 0 10 1"));
        var failed = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("t.errors", new Message<string, string> { Key = "a", Value = "rejected" }));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, failed.Error.Code);

        var next = await producer.ProduceAsync("t.errors", new Message<string, string> { Key = "a", Value = "accepted" });
        Assert.Equal(PersistenceStatus.Persisted, next.Status);
    }

    [Theory]
    [InlineData("", "error: empty command")]
    [InlineData("reboot", "error: unknown command 'reboot'")]
    [InlineData("down 7", "error: broker 7 does not exist (ids 1..1)")]
    [InlineData("errors x 10", "error: ")]
    [InlineData("errors 0 10 0", "error: COUNT = 0: must be within [1, 100000]")]
    public void Bad_commands_get_one_error_line(string command, string expected)
    {
        using var broker = EmbeddedKafkaBroker.Start();

        string answer = BrokerControl.Apply(broker, command);

        Assert.StartsWith(expected, answer, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', answer);
    }

    private static async Task<ControlClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new ControlClient(tcp);
    }

    private sealed class ControlClient(TcpClient tcp) : IDisposable
    {
        private readonly StreamReader reader = new(tcp.GetStream(), Encoding.UTF8);
        private readonly StreamWriter writer = new(tcp.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        public async Task<string?> AskAsync(string line)
        {
            await writer.WriteLineAsync(line);
            return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        public void Dispose()
        {
            writer.Dispose();
            reader.Dispose();
            tcp.Dispose();
        }
    }
}
