using System.CommandLine;
using System.Globalization;
using Confluent.Kafka;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq simulate</c>: publishes a seeded network of tasks and scores (honest and malicious evaluators).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT (default: the broker a running `poq run`/`poq broker` recorded under $POQ_HOME)." };
        var options = new ScenarioCliOptions();
        var rate = new Option<double>("--rate") { Description = "Messages (task and score events) per second; 0 = as fast as possible.", DefaultValueFactory = _ => 0 };
        var command = new Command("simulate", "Publish a seeded simulated network of tasks and scores to Kafka.") { kafka, rate };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (scenario, error) = options.Resolve(parse);
            if (scenario is null)
            {
                return CliErrors.Fail(error!);
            }

            string? bootstrap = parse.GetValue(kafka) ?? PoqHome.RememberedBroker();
            if (bootstrap is null)
            {
                return CliErrors.Fail("no broker: start `poq run` or `poq broker` first, or pass --kafka HOST:PORT");
            }

            NativeKafka.EnsureLoaded();
            Console.WriteLine($"kafka: {bootstrap}");
            long published = await PublishWithProgressAsync(bootstrap, scenario, parse.GetValue(rate), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "published [green]{0:N0}[/] messages ({1:N0} tasks, run id {2})", published, scenario.Tasks, scenario.RunId);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Publishes a scenario with a progress bar; shared with <c>poq demo</c>. When the topics already hold records the
    /// simulated clock starts a minute after the latest of them (log time must keep moving forward) and says so.
    /// </summary>
    public static async Task<long> PublishWithProgressAsync(string bootstrap, NetworkScenarioOptions scenario, double rate, CancellationToken cancellationToken)
    {
        int partitions = KafkaPartitions.Of(bootstrap, TopicNames.Default.Tasks, TimeSpan.FromSeconds(10)).Count;
        if (LogTail.LatestTimestamp(bootstrap, [TopicNames.Default.Tasks, TopicNames.Default.Scores], TimeSpan.FromSeconds(10)) is { } latest && latest >= scenario.Start)
        {
            var start = latest.AddMinutes(1);
            scenario = scenario with { Start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(1) };
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]the topics already hold records up to {0:O}: the simulated clock starts at {1:O}[/]", latest, scenario.Start);
        }

        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(bootstrap, "poq-simulate")).Build();
        long expected = (long)Math.Ceiling(scenario.Tasks * (scenario.K + 1 + scenario.BadMessageRatio));
        return await AnsiConsole.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask("simulate: publishing", maxValue: expected);
            long sent = await WirePublisher.PublishAsync(
                producer, SimulatedRecords.Of(NetworkScenario.Generate(scenario)), TopicNames.Default.Tasks, TopicNames.Default.Scores, partitions, rate,
                new SynchronousProgress<long>(n => bar.Value = Math.Min(n, expected)), cancellationToken).ConfigureAwait(false);
            bar.Value = expected;
            return sent;
        }).ConfigureAwait(false);
    }
}
