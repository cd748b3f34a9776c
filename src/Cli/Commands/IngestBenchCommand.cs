using System.CommandLine;
using System.Globalization;
using PoQ.Bench.Ingest;
using PoQ.Cli.Json;
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
    private const double TargetLatencyMs = 250;

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Score events to publish (N / k tasks).", DefaultValueFactory = _ => IngestBenchOptions.Defaults.Events };
        var k = new Option<int>("--k") { Description = "Scores per task.", DefaultValueFactory = _ => IngestBenchOptions.Defaults.K };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic on the embedded broker.", DefaultValueFactory = _ => PoqTopics.DefaultPartitions };
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT with empty poq.tasks/poq.scores (default: an embedded broker)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; its 'poq' schema is DROPPED (default: a bench-only local server, fsync off)." };
        var fsyncOnPostgres = new Option<string?>("--postgres-fsync-on") { Description = "PostgreSQL (fsync on) for the fsync-on figure; its 'poq' schema is DROPPED (default: a second bench-only local server; with --postgres and without this option the figure is left out)." };
        var rate = new Option<double?>("--rate") { Description = "Score events/s published during the latency phase (default: half the measured pipeline rate)." };
        var latencySeconds = new Option<double>("--latency-seconds") { Description = "Seconds of publishing in the latency phase.", DefaultValueFactory = _ => IngestBenchOptions.Defaults.LatencySeconds };
        var trustEpoch = new Option<string>("--trust-epoch") { Description = "Trust epoch in log time (e.g. 2s), as for `poq run`.", DefaultValueFactory = _ => Durations.Format(IngestBenchOptions.Defaults.TrustEpoch) };
        var bufferBudget = new Option<long>("--buffer-budget") { Description = "The pipeline's buffer budget (records ahead plus windows waiting for trust), as for `poq run`.", DefaultValueFactory = _ => IngestBenchOptions.Defaults.BufferBudget };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most settled tasks a lane holds ahead of its commit, as for `poq run`.", DefaultValueFactory = _ => IngestBenchOptions.Defaults.MaxBatch };
        var maxHeap = new Option<long?>("--max-heap") { Description = "Limit the process's heap to this many MiB while a pipeline runs, as `poq run --max-heap` (default: no limit)." };
        var json = new Option<bool>("--json") { Description = "Print only a JSON object." };
        var unsigned = new Option<bool>("--unsigned") { Description = "Publish unsigned (v1) scores into a pipeline that accepts them, without the evaluator-draw check: prices signature verification against the default." };
        var command = new Command("ingest", "End-to-end ingest rate (score events/s from Kafka to committed Marten events) vs raw consume and COPY baselines, the fsync-on rate, settle latency at half rate and peak memory.")
        {
            events, k, partitions, kafka, postgres, fsyncOnPostgres, rate, latencySeconds, trustEpoch, bufferBudget, maxBatch, maxHeap, json, unsigned,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(events);
            int kValue = parse.GetValue(k);
            int partitionCount = parse.GetValue(partitions);
            if (n < 1 || kValue is < 1 or > 64 || n < kValue || partitionCount is < 1 or > 1024)
            {
                return CliErrors.Fail("--events must be ≥ k; --k within [1, 64]; --partitions within [1, 1024]");
            }

            if (parse.GetValue(rate) is { } r && !(r > 0) || !(parse.GetValue(latencySeconds) > 0))
            {
                return CliErrors.Fail("--rate and --latency-seconds must be positive");
            }

            var (epoch, epochError) = Durations.Parse("--trust-epoch", parse.GetValue(trustEpoch));
            if (epoch is null)
            {
                return CliErrors.Fail(epochError!);
            }

            bool asJson = parse.GetValue(json);
            using var broker = KafkaEndpoint.Resolve(parse.GetValue(kafka), partitionCount);
            string? givenPostgres = parse.GetValue(postgres) is { Length: > 0 } g ? g : null;
            string connection = givenPostgres ?? await LocalServerAsync("bench", fsync: false, cancellationToken).ConfigureAwait(false);
            string? fsyncOnConnection = parse.GetValue(fsyncOnPostgres) is { Length: > 0 } d ? d
                : givenPostgres is null ? await LocalServerAsync("bench-fsync", fsync: true, cancellationToken).ConfigureAwait(false) : null;
            var options = new IngestBenchOptions
            {
                KafkaBootstrap = broker.Bootstrap, PostgresConnection = connection, FsyncOnPostgresConnection = fsyncOnConnection, Events = n, K = kValue,
                Rate = parse.GetValue(rate), LatencySeconds = parse.GetValue(latencySeconds), CreateTopic = broker.EmbeddedTopicCreator, TrustEpoch = epoch.Value, BufferBudget = parse.GetValue(bufferBudget), MaxBatch = parse.GetValue(maxBatch), MaxHeapMib = parse.GetValue(maxHeap), Signed = !parse.GetValue(unsigned),
            };
            IngestReport report;
            try
            {
                if (asJson)
                {
                    report = await IngestBenchmark.RunAsync(options, null, cancellationToken).ConfigureAwait(false);
                    CliJson.Print(IngestBenchJson.Of(report, broker.IsEmbedded));
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
                            [IngestPhase.Pipeline] = context.AddTask("pipeline: committed tasks"),
                            [IngestPhase.FsyncOn] = context.AddTask("pipeline, fsync on: committed tasks"),
                            [IngestPhase.Latency] = context.AddTask("latency at a steady rate: committed tasks"),
                            [IngestPhase.Consume] = context.AddTask("baseline: plain consume"),
                            [IngestPhase.Copy] = context.AddTask("baseline: binary COPY"),
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
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // A dropping broker, a stalled pipeline or a non-empty topic: say what and what to do, no stack trace.
                return CliErrors.Fail($"bench ingest: {error.Message}");
            }

            return report.EventsLost == 0 && report.DeadLetters == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>A bench-only local server under $POQ_HOME/NAME (fsync as given), started if needed.</summary>
    private static async Task<string> LocalServerAsync(string name, bool fsync, CancellationToken cancellationToken) =>
        (await LocalPostgres.EnsureRunningAsync(
            PostgresEndpoint.Local(Path.Combine(PoqHome.Path, name), "poq_bench", fsync), cancellationToken).ConfigureAwait(false)).ConnectionString;

    private static void Render(IngestReport r, bool embeddedKafka)
    {
        double floor = Math.Min(r.BaselineConsumePerSecond, r.BaselineCopyPerSecond);
        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("score events / s").RightAligned())
            .AddColumn(new TableColumn("native rate").RightAligned()).AddColumn(new TableColumn("× smaller baseline").RightAligned());
        table.AddRow("publish (not timed with the pipeline)", "—", F(r.ProduceMessagesPerSecond, "N0") + " msgs/s", "—");
        table.AddRow("baseline: plain consume", F(r.BaselineConsumePerSecond, "N0"), F(r.BaselineConsumeMessagesPerSecond, "N0") + " msgs/s", F(r.BaselineConsumePerSecond / floor, "F2"));
        table.AddRow("baseline: binary COPY", F(r.BaselineCopyPerSecond, "N0"), F(r.BaselineCopyRowsPerSecond, "N0") + " rows/s", F(r.BaselineCopyPerSecond / floor, "F2"));
        table.AddRow("[bold]pipeline (Kafka → committed events)[/]", "[bold]" + F(r.EventsPerSecond, "N0") + "[/]", F(r.Tasks / r.PipelineElapsed.TotalSeconds, "N0") + " tasks/s", "[bold]" + F(r.Ratio, "F2") + "[/]");
        if (r.FsyncOnEventsPerSecond is { } durable)
        {
            table.AddRow("pipeline, fsync on", F(durable, "N0"), F(durable / r.K, "N0") + " tasks/s", F(durable / floor, "F2"));
        }

        AnsiConsole.Write(table);
        var latency = r.Latency;
        if (latency.Skipped is { } why)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "settle latency: [yellow]not measured[/]: {0}", Markup.Escape(why));
        }
        else
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "settle latency (last score → committed settlement) at {0:N0} score events/s ({1:N0} achieved, {2:N0} tasks): p50 {3:F0} ms, [bold]p99 {4:F0} ms[/], max {5:F0} ms{6}",
                latency.Rate, latency.AchievedRate, latency.Tasks, latency.P50Ms, latency.P99Ms, latency.MaxMs,
                latency.DeadLetters == 0 ? string.Empty : $"; [yellow]{latency.DeadLetters:N0} dead letters[/] (records that arrived more than the idle wait out of order)");
            RenderStages(latency);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]partition pauses by the buffer budget during the latency phase: {0:N0} (a paused partition's records wait in the broker: delivery)[/]", latency.PartitionPauses);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]machine busy during the latency phase: {0} of {1} cores (CPU over {2:F1} s: poq {3:F1} s with the phase's producer{4}, postgres {5})[/]",
                F(latency.MachineBusy * 100, "F0") + " %", Environment.ProcessorCount, latency.Elapsed.TotalSeconds, latency.Cpu.Process, embeddedKafka ? " and the embedded broker" : string.Empty,
                double.IsNaN(latency.Cpu.Postgres) ? "n/a (remote)" : F(latency.Cpu.Postgres, "F1") + " s");
        }

        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "memory: peak resident {0:N0} MiB during the pipeline phase, {1:N0} MiB at its start (growth {3:N0} MiB), peak managed heap {4:N0} MiB{2}",
            r.PeakRssMib, r.StartRssMib, embeddedKafka ? "; the resident figures include the embedded broker's log of the whole scenario" : string.Empty, r.PeakRssMib - r.StartRssMib, r.PeakManagedHeapMib);

        var cpu = r.Cpu;
        string postgresCpu = double.IsNaN(cpu.Postgres) ? "n/a (remote)" : F(cpu.Postgres, "F1") + " s";
        AnsiConsole.MarkupLine(r.Signed
            ? "signed: yes (every score's Ed25519 signature verified against the registry, every task's evaluator draw checked; --unsigned prices it)"
            : "signed: no (wire contract v1, --allow-unsigned, no draw check)");
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]N = {0:N0} score events, k = {1}, {2:N0} tasks, {3} partitions per input topic; kafka: {4}; postgres: {5}[/]",
            r.Events, r.K, r.Tasks, r.Partitions, embeddedKafka ? "embedded mock broker" : "external", Markup.Escape(r.PostgresDurability));
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]score events/s = N ÷ phase seconds (consume reads N + N/k messages; COPY writes the settlement events (one per {1:N0} tasks, {0:N0} bytes of body per task) and an index row per task)[/]", r.EventBytes, BenchEvents.TasksPerBatch);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]pipeline: {0:F2} s start → last commit, {1:N0} batches, {8:N0} partition pauses, GCs gen0/1/2 {6} (paused {7:F1} s); CPU meanwhile: poq {2:F1} s, postgres {3}, machine (all processes) {4:F1} s of {5:F1} s available[/]",
            r.PipelineElapsed.TotalSeconds, r.Batches, cpu.Process, postgresCpu, cpu.Machine, r.PipelineElapsed.TotalSeconds * Environment.ProcessorCount, string.Join('/', r.Collections), r.GcPause.TotalSeconds, r.PartitionPauses);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]CPU per task: poq {0:F0} µs, postgres {1}; managed allocations: {2:N0} bytes per score event[/]",
            cpu.Process * 1e6 / r.Tasks, double.IsNaN(cpu.Postgres) ? "n/a" : F(cpu.Postgres * 1e6 / r.Tasks, "F0") + " µs", r.AllocatedBytesPerEvent);
        string lost = r.EventsLost == 0 && r.DeadLetters == 0 ? "[green]0[/]" : $"[red]{r.EventsLost:N0} (dead letters: {r.DeadLetters:N0})[/]";
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "events lost: {0}   ({1:N0} accepted of {2:N0} published, {3:N0} task events committed)", lost, r.AcceptedEvents, r.Events, r.TasksCommitted);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "target: ≥ {0:N0} score events/s {1}, ratio to COPY ≥ {2:F1} {3}, p99 settle latency ≤ {4:N0} ms {5}",
            TargetRate, Met(r.EventsPerSecond >= TargetRate), TargetRatio, Met(r.RatioToCopy >= TargetRatio), TargetLatencyMs, Met(r.Latency.P99Ms <= TargetLatencyMs));
    }

    // Where the settle latency went, stage by stage, so a reader sees which wait to shorten.
    private static void RenderStages(LatencyRun.Result latency)
    {
        if (latency.Stages.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("stage").AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p99 ms").RightAligned()).AddColumn("what it covers");
        foreach (var ((stage, p50, p99), (_, meaning)) in latency.Stages.Zip(SettleStages.Names))
        {
            table.AddRow(stage, F(p50, "F0"), F(p99, "F0"), Markup.Escape(meaning));
        }

        AnsiConsole.Write(table);
    }

    private static string Met(bool met) => met ? "[green]met[/]" : "[red]not met[/]";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
