using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PoQ.Bench.Ingest;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.Hosting.Postgres;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq bench ingest</c>: the pipeline's end-to-end rate against the raw consume and COPY baselines of the same data.
/// Embedded broker and a bench-only local PostgreSQL (fsync off, stated in the output) unless --kafka/--postgres.
/// </summary>
internal static class IngestBenchCommand
{
    private const double TargetRate = 50_000;
    private const double TargetRatio = 0.5;

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Score events to publish (N / k tasks).", DefaultValueFactory = _ => 200_000 };
        var k = new Option<int>("--k") { Description = "Scores per task.", DefaultValueFactory = _ => 5 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic on the embedded broker.", DefaultValueFactory = _ => PoqTopics.DefaultPartitions };
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT with empty poq.tasks/poq.scores (default: an embedded broker)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; its 'poq' schema is DROPPED (default: a bench-only local server, fsync off)." };
        var json = new Option<bool>("--json") { Description = "Print only a JSON object." };
        var command = new Command("ingest", "End-to-end ingest rate (score events/s from Kafka to committed Marten events) vs raw consume and COPY baselines.") { events, k, partitions, kafka, postgres, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(events);
            int kValue = parse.GetValue(k);
            int partitionCount = parse.GetValue(partitions);
            if (n < 1 || kValue is < 1 or > 64 || n < kValue || partitionCount is < 1 or > 1024)
            {
                return CliErrors.Fail("--events must be ≥ k; --k within [1, 64]; --partitions within [1, 1024]");
            }

            bool asJson = parse.GetValue(json);
            using var broker = KafkaEndpoint.Resolve(parse.GetValue(kafka), partitionCount);
            string connection = parse.GetValue(postgres) is { Length: > 0 } given
                ? given
                : (await LocalPostgres.EnsureRunningAsync(
                    new LocalPostgresOptions { PoqHome = Path.Combine(PoqHome.Path, "bench"), Database = "poq_bench", Fsync = false }, cancellationToken).ConfigureAwait(false)).ConnectionString;
            var options = new IngestBenchOptions { KafkaBootstrap = broker.Bootstrap, PostgresConnection = connection, Events = n, K = kValue };
            IngestReport report;
            if (asJson)
            {
                report = await IngestBenchmark.RunAsync(options, null, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(JsonSerializer.Serialize(ToJson(report, broker.IsEmbedded)));
            }
            else
            {
                Console.WriteLine($"kafka: {broker.Bootstrap}{(broker.IsEmbedded ? " (embedded)" : string.Empty)}");
                Console.WriteLine($"postgres: {connection}");
                report = await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var bars = new Dictionary<IngestPhase, ProgressTask>
                    {
                        [IngestPhase.Publish] = context.AddTask("publish scenario (not timed)"),
                        [IngestPhase.Consume] = context.AddTask("baseline: plain consume"),
                        [IngestPhase.Copy] = context.AddTask("baseline: binary COPY"),
                        [IngestPhase.Pipeline] = context.AddTask("pipeline: committed tasks"),
                    };
                    return await IngestBenchmark.RunAsync(options, new SynchronousProgress<IngestProgress>(p =>
                    {
                        var bar = bars[p.Phase];
                        bar.MaxValue = p.Total;
                        bar.Value = p.Done;
                    }), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                Render(report, broker.IsEmbedded);
            }

            return report.EventsLost == 0 && report.DeadLetters == 0 ? 0 : 1;
        });
        return command;
    }

    private static object ToJson(IngestReport r, bool embeddedKafka) => new Dictionary<string, object>
    {
        ["events_per_second"] = r.EventsPerSecond,
        ["baseline_consume_per_second"] = r.BaselineConsumePerSecond,
        ["baseline_copy_per_second"] = r.BaselineCopyPerSecond,
        ["ratio"] = r.Ratio,
        ["events_lost"] = r.EventsLost,
        ["events"] = r.Events,
        ["events_accepted"] = r.AcceptedEvents,
        ["dead_letters"] = r.DeadLetters,
        ["tasks"] = r.Tasks,
        ["tasks_committed"] = r.TasksCommitted,
        ["k"] = r.K,
        ["partitions"] = r.Partitions,
        ["messages"] = r.Messages,
        ["produce_messages_per_second"] = r.ProduceMessagesPerSecond,
        ["baseline_consume_messages_per_second"] = r.BaselineConsumeMessagesPerSecond,
        ["baseline_copy_rows_per_second"] = r.BaselineCopyRowsPerSecond,
        ["event_bytes"] = r.EventBytes,
        ["pipeline_seconds"] = r.PipelineElapsed.TotalSeconds,
        ["batches"] = r.Batches,
        ["cpu_seconds"] = new Dictionary<string, double?>
        {
            ["process"] = r.Cpu.Process,
            ["postgres"] = double.IsNaN(r.Cpu.Postgres) ? null : r.Cpu.Postgres,
            ["machine"] = double.IsNaN(r.Cpu.Machine) ? null : r.Cpu.Machine,
        },
        ["gc_collections"] = r.Collections,
        ["postgres_durability"] = r.PostgresDurability,
        ["kafka"] = embeddedKafka ? "embedded (librdkafka mock cluster)" : "external",
        ["rates_unit"] = "score events/s = N score events / phase seconds (the phase also carries the N/k task messages or rows)",
    };

    private static void Render(IngestReport r, bool embeddedKafka)
    {
        double floor = Math.Min(r.BaselineConsumePerSecond, r.BaselineCopyPerSecond);
        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("score events / s").RightAligned())
            .AddColumn(new TableColumn("native rate").RightAligned()).AddColumn(new TableColumn("× smaller baseline").RightAligned());
        table.AddRow("publish (not timed with the pipeline)", "—", F(r.ProduceMessagesPerSecond, "N0") + " msgs/s", "—");
        table.AddRow("baseline: plain consume", F(r.BaselineConsumePerSecond, "N0"), F(r.BaselineConsumeMessagesPerSecond, "N0") + " msgs/s", F(r.BaselineConsumePerSecond / floor, "F2"));
        table.AddRow("baseline: binary COPY", F(r.BaselineCopyPerSecond, "N0"), F(r.BaselineCopyRowsPerSecond, "N0") + " rows/s", F(r.BaselineCopyPerSecond / floor, "F2"));
        table.AddRow("[bold]pipeline (Kafka → committed events)[/]", "[bold]" + F(r.EventsPerSecond, "N0") + "[/]", F(r.Tasks / r.PipelineElapsed.TotalSeconds, "N0") + " tasks/s", "[bold]" + F(r.Ratio, "F2") + "[/]");
        AnsiConsole.Write(table);

        var cpu = r.Cpu;
        string postgresCpu = double.IsNaN(cpu.Postgres) ? "n/a (remote)" : F(cpu.Postgres, "F1") + " s";
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]N = {0:N0} score events, k = {1}, {2:N0} tasks, {3} partitions per input topic; kafka: {4}; postgres: {5}[/]",
            r.Events, r.K, r.Tasks, r.Partitions, embeddedKafka ? "embedded mock broker" : "external", Markup.Escape(r.PostgresDurability));
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]score events/s = N ÷ phase seconds (consume reads N + N/k messages; COPY writes a stream row and a {0:N0}-byte jsonb event row per task)[/]", r.EventBytes);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]pipeline: {0:F2} s start → last commit, {1:N0} batches, GCs gen0/1/2 {6}; CPU meanwhile: poq {2:F1} s, postgres {3}, machine (all processes) {4:F1} s of {5:F1} s available[/]",
            r.PipelineElapsed.TotalSeconds, r.Batches, cpu.Process, postgresCpu, cpu.Machine, r.PipelineElapsed.TotalSeconds * Environment.ProcessorCount, string.Join('/', r.Collections));
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]CPU per task: poq {0:F0} µs, postgres {1}[/]",
            cpu.Process * 1e6 / r.Tasks, double.IsNaN(cpu.Postgres) ? "n/a" : F(cpu.Postgres * 1e6 / r.Tasks, "F0") + " µs");
        string lost = r.EventsLost == 0 && r.DeadLetters == 0 ? "[green]0[/]" : $"[red]{r.EventsLost:N0} (dead letters: {r.DeadLetters:N0})[/]";
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "events lost: {0}   ({1:N0} accepted of {2:N0} published, {3:N0} task events committed)", lost, r.AcceptedEvents, r.Events, r.TasksCommitted);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "target: ≥ {0:N0} score events/s {1}, ratio ≥ {2:F1} {3}",
            TargetRate, r.EventsPerSecond >= TargetRate ? "[green]met[/]" : "[red]not met[/]", TargetRatio, r.Ratio >= TargetRatio ? "[green]met[/]" : "[red]not met[/]");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
