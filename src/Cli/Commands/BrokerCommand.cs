using System.CommandLine;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq broker</c>: the embedded Kafka-protocol broker (librdkafka's mock cluster) as its own process, with the PoQ
/// topics created. Prints <c>kafka: BOOTSTRAP</c> on stdout once ready and runs until SIGINT/SIGTERM.
/// </summary>
/// <remarks>
/// There is no <c>--port</c>: the mock cluster binds each broker to a kernel-chosen port on 127.0.0.1 and librdkafka
/// has no setting to choose it (its test.mock.* settings are num.brokers and broker.rtt only). Read the line instead.
/// </remarks>
internal static class BrokerCommand
{
    /// <summary>The ready line's prefix; scripts read the bootstrap servers after it.</summary>
    public const string ReadyPrefix = "kafka: ";

    /// <summary>With --control-port: the line giving the fault-injection port, printed before the ready line.</summary>
    public const string ControlPrefix = "control: ";

    public static Command Create()
    {
        var partitions = new Option<int>("--partitions")
        {
            Description = "Partitions of every PoQ topic (the broker keeps only the last ~5 MiB per partition).",
            DefaultValueFactory = _ => PoqTopics.DefaultPartitions,
        };
        var brokers = new Option<int>("--brokers") { Description = "Brokers in the cluster (ids 1..N).", DefaultValueFactory = _ => EmbeddedKafkaBroker.DefaultBrokers };
        var controlPort = new Option<int?>("--control-port")
        {
            Description = "Serve fault injection on 127.0.0.1:PORT (0 = any free port), one command per line: 'down [ID|all]', 'up [ID|all]', 'errors API_KEY ERROR_CODE [COUNT]'; prints 'control: PORT'.",
        };
        var command = new Command(
            "broker",
            "Run an in-memory Kafka-protocol broker on 127.0.0.1 with the PoQ topics until Ctrl-C; prints 'kafka: HOST:PORT'. "
            + "Data is lost on exit; the port is chosen by the system.")
        {
            partitions,
            brokers,
            controlPort,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            int partitionCount = parse.GetValue(partitions);
            int brokerCount = parse.GetValue(brokers);
            if (partitionCount is < 1 or > 10_000 || brokerCount is < 1 or > 16)
            {
                return CliErrors.Fail("--partitions must be within [1, 10000] and --brokers within [1, 16]");
            }

            if (parse.GetValue(controlPort) is < 0 or > 65_535)
            {
                return CliErrors.Fail("--control-port must be within [0, 65535]");
            }

            using var broker = EmbeddedKafkaBroker.Start(brokerCount);
            PoqTopics.EnsureTopics(broker, partitionCount);
            await Console.Error.WriteLineAsync(
                $"poq broker: librdkafka {NativeKafka.VersionString} mock cluster, {brokerCount} broker(s); topics {string.Join(", ", TopicNames.Default.All)} with {partitionCount} partitions. Ctrl-C to stop.")
                .ConfigureAwait(false);
            await using var control = parse.GetValue(controlPort) is { } port ? BrokerControlServer.Start(broker, port) : null;
            if (control is not null)
            {
                Console.Out.WriteLine(ControlPrefix + control.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Console.Out.WriteLine(ReadyPrefix + broker.BootstrapServers);
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM: System.CommandLine cancels the token; disposing the broker below is the clean stop.
            }

            await Console.Error.WriteLineAsync("poq broker: stopped.").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
