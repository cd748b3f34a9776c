using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Services;
using PoQ.Consensus.Windows;
using PoQ.Hosting;
using PoQ.Hosting.Kafka;
using PoQ.Hosting.Telemetry;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Resilience;
using PoQ.Pipeline.Telemetry;
using PoQ.Pipeline;
using PoQ.Settlement.Escalation;
using PoQ.Projections.Store;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq run</c>: one pipeline instance until Ctrl-C, on embedded defaults or real services. Instances started with
/// the same <c>--group</c> share the partitions; <c>--database</c> picks the store (independent groups can record the
/// same topics into separate stores, e.g. a shadow pipeline with another rule).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT (default: an embedded Kafka-protocol broker in this process)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (default: a local PostgreSQL under $POQ_HOME)." };
        var database = new Option<string?>("--database") { Description = $"Database of the store (default: {PoqHome.RunDatabase}; with --postgres, replaces the connection string's database)." };
        var group = new Option<string>("--group") { Description = "Kafka consumer group: instances in one group share the partitions.", DefaultValueFactory = _ => PipelineOptions.Defaults.Group };
        var instance = new Option<string?>("--instance") { Description = "This instance's name in checkpoints and logs (default: host/pid)." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic of the embedded broker.", DefaultValueFactory = _ => PoqTopics.DefaultPartitions };
        var quorum = new Option<int>("--quorum") { Description = "Minimum scores for a consensus at the window deadline.", DefaultValueFactory = _ => new WindowOptions().Quorum };
        var deadline = new Option<double>("--deadline") { Description = "Window deadline in seconds of log time.", DefaultValueFactory = _ => new WindowOptions().Deadline.TotalSeconds };
        var trustEpoch = new Option<string>("--trust-epoch") { Description = "Trust epoch in log time (e.g. 2s, 500ms); 0 = the paper's sequential update (one instance, order dependent).", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.TrustEpoch) };
        var lanes = new Option<int>("--lanes") { Description = "Concurrent settle-and-commit lanes of this instance.", DefaultValueFactory = _ => PipelineOptions.Defaults.Lanes };
        var bufferBudget = new Option<long>("--buffer-budget") { Description = "Records buffered ahead plus windows waiting for trust that this instance holds before it pauses the partitions furthest ahead: bounds memory whatever the partitions owned.", DefaultValueFactory = _ => PipelineOptions.Defaults.BufferBudget };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most settled tasks a lane holds ahead of its commit before it stops reading: bounds the work in flight, so memory under a slow database.", DefaultValueFactory = _ => PipelineOptions.Defaults.MaxBatch };
        var maxHeap = new Option<long?>("--max-heap") { Description = "Limit this process's managed heap to this many MiB (as -Xmx for a JVM): the resident set then stays near the limit plus native memory however garbage piles up; default: no limit beyond the machine's or container's." };
        var idleWait = new Option<string>("--idle-wait") { Description = "How long a partition waits for the other input topic when that topic is idle (e.g. 200ms).", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.IdleWait) };
        var clockInterval = new Option<string>("--clock-interval") { Description = "Write a wall-clock clock record into every partition at this interval (for wall-clock producers); 0 = none.", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.ClockInterval) };
        var maxOutage = new Option<string>("--max-outage") { Description = "How long the database may stay unavailable before the instance gives up (e.g. 5m, 90s); meanwhile commits are retried and reading waits.", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.MaxOutage) };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve metrics in Prometheus format on http://127.0.0.1:PORT/metrics (OpenTelemetry)." };
        var maxSkew = new Option<string>("--max-clock-skew") { Description = "Dead-letter records stamped this far ahead of their partition's stream time (clock_skew); 0 = off.", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.MaxClockSkew) };
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "Also accept unsigned scores (wire contract v1), for local trials; by default a score must be signed by its evaluator's registered key." };
        var samplingSeed = new Option<string>("--sampling-seed") { Description = "Public seed of the evaluator draw (hash-rank-v1) a task's evaluator list must match.", DefaultValueFactory = _ => Settlement.Sampling.EvaluatorDraw.DefaultSeed };
        var escalationThreshold = new Option<double?>("--escalation-threshold") { Description = "Escalate a task whose scores' MAD (score points) exceeds this: hold its payout and ask more evaluators of its draw on poq.escalations; off by default." };
        var escalationExtra = new Option<int>("--escalation-extra") { Description = "Evaluators an escalation asks (the next of the task's draw).", DefaultValueFactory = _ => 2 };
        var escalationDeadline = new Option<string>("--escalation-deadline") { Description = "How long (log time) an escalated task waits for the extra scores before it settles with what arrived (e.g. 10s).", DefaultValueFactory = _ => Durations.Format(new WindowOptions().EscalationDeadline) };
        var uncheckedSampling = new Option<bool>("--unchecked-sampling") { Description = "Accept any evaluator list a task names (no sampling_mismatch), for local trials with hand-written tasks." };
        var rule = new RuleOptions();
        var command = new Command("run", "Run one PoQ pipeline instance until Ctrl-C (graceful drain): Kafka → windows in log time → consensus → rewards → Marten.")
        {
            kafka, postgres, database, group, instance, partitions, quorum, deadline, trustEpoch, lanes, bufferBudget, maxBatch, maxHeap, idleWait, clockInterval, maxSkew, maxOutage, metricsPort, allowUnsigned, samplingSeed, uncheckedSampling,
            escalationThreshold, escalationExtra, escalationDeadline,
        };
        rule.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (consensusRule, error) = rule.Resolve(parse);
            if (consensusRule is null)
            {
                return CliErrors.Fail(error!);
            }

            var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var (name, option) in new[] { ("--trust-epoch", trustEpoch), ("--idle-wait", idleWait), ("--clock-interval", clockInterval), ("--max-clock-skew", maxSkew), ("--max-outage", maxOutage), ("--escalation-deadline", escalationDeadline) })
            {
                var (value, durationError) = Durations.Parse(name, parse.GetValue(option));
                if (value is null)
                {
                    return CliErrors.Fail(durationError!);
                }

                durations[name] = value.Value;
            }

            var windows = new WindowOptions { Quorum = parse.GetValue(quorum), Deadline = TimeSpan.FromSeconds(parse.GetValue(deadline)), UnknownTaskWait = TimeSpan.FromSeconds(parse.GetValue(deadline)), EscalationDeadline = durations["--escalation-deadline"] };
            using var broker = KafkaEndpoint.Resolve(parse.GetValue(kafka), parse.GetValue(partitions));
            string connection = await PostgresEndpoint.ResolveForWritingAsync(parse.GetValue(postgres), parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(postgres) is null)
            {
                PoqHome.RememberStore(new Npgsql.NpgsqlConnectionStringBuilder(connection).Database ?? PoqHome.RunDatabase);
            }
            var options = new PipelineOptions
            {
                KafkaBootstrap = broker.Bootstrap,
                PostgresConnection = connection,
                Group = parse.GetValue(group)!,
                Rule = consensusRule,
                Windows = windows,
                TrustEpoch = durations["--trust-epoch"],
                Lanes = parse.GetValue(lanes),
                BufferBudget = parse.GetValue(bufferBudget),
                MaxBatch = parse.GetValue(maxBatch),
                IdleWait = durations["--idle-wait"],
                ClockInterval = durations["--clock-interval"],
                MaxClockSkew = durations["--max-clock-skew"],
                MaxOutage = durations["--max-outage"],
                AllowUnsigned = parse.GetValue(allowUnsigned),
                SamplingSeed = parse.GetValue(uncheckedSampling) ? null : parse.GetValue(samplingSeed),
                Escalation = parse.GetValue(escalationThreshold) is { } threshold ? new EscalationPolicy(threshold, parse.GetValue(escalationExtra)) : null,
            };
            if (parse.GetValue(instance) is { } instanceName)
            {
                options = options with { InstanceId = instanceName };
            }

            if (options.Problems() is { Count: > 0 } problems)
            {
                return CliErrors.Fail(string.Join("; ", problems));
            }

            if (parse.GetValue(maxHeap) is { } heap && HeapLimit.Problem("--max-heap", heap) is { } heapProblem)
            {
                return CliErrors.Fail(heapProblem);
            }

            if (parse.GetValue(metricsPort) is < 1 or > 65_535)
            {
                return CliErrors.Fail($"--metrics-port = {parse.GetValue(metricsPort)}: must be within [1, 65535]");
            }

            Console.WriteLine($"kafka: {broker.Bootstrap}");
            Console.WriteLine($"postgres: {connection}");
            if (options.Escalation is { } escalation)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation: MAD > {escalation.Threshold:G6} asks {escalation.Extra} more evaluator(s) on {options.Topics.Escalations}, waiting {Durations.Format(windows.EscalationDeadline)} of log time"));
            }

            using var heapLimit = parse.GetValue(maxHeap) is { } limit ? HeapLimit.Apply(limit) : null;
            if (heapLimit is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max heap: {heapLimit.Mebibytes} MiB"));
            }

            PipelineRunner pipeline;
            try
            {
                pipeline = await PipelineRunner.StartAsync(options, line => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception refused) when (refused is MechanismMismatchException or InvalidOperationException)
            {
                return CliErrors.Fail(refused.Message);
            }

            using var metrics = parse.GetValue(metricsPort) is { } port ? MetricsEndpoint.Start(port, PipelineMetrics.MeterName) : null;
            if (metrics is not null)
            {
                Console.WriteLine($"metrics: {metrics.Address}");
            }

            await using (pipeline.ConfigureAwait(false))
            {
                void Report(Outage _)
                {
                    if (InstanceHealthFile.TryWrite(options.InstanceId, options.Group, pipeline.Health) is { } failure)
                    {
                        AnsiConsole.MarkupLine($"[yellow]health file not written: {Markup.Escape(failure)}[/]");
                    }
                }

                pipeline.Health.Database.Changed += Report;
                pipeline.Health.Broker.Changed += Report;
                Report(pipeline.Health.Database);
                try
                {
                    return await SuperviseAsync(pipeline, connection, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    InstanceHealthFile.Remove(options.InstanceId);
                }
            }
        });
        return command;
    }

    /// <summary>Exit code when an outage outlasted <c>--max-outage</c>.</summary>
    public const int OutageExit = 3;

    /// <summary>Exit code when the pipeline stopped on an unexpected error.</summary>
    public const int FailureExit = 1;

    // Prints progress every five seconds until Ctrl-C (drain) or the pipeline stops on its own (an outage past its budget,
    // a bug): then one line, never a stack trace.
    private static async Task<int> SuperviseAsync(PipelineRunner pipeline, string connection, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[green]running[/] rule {0} ({1}), mechanism {2}; Ctrl-C drains and stops", pipeline.Mechanism.Rule.Name, pipeline.Mechanism.Rule.ParamsHash, pipeline.Mechanism.Hash);
        try
        {
            while (!pipeline.Completion.IsCompleted)
            {
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(5), cancellationToken), pipeline.Completion).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (pipeline.Completion.IsCompleted)
                {
                    break;
                }

                Console.WriteLine(await ProgressLineAsync(pipeline, connection, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("draining…");
        }

        try
        {
            await pipeline.StopAsync().ConfigureAwait(false);
        }
        catch (Exception stopped) when (Find<OutageBudgetExceededException>(stopped) is not null)
        {
            await Console.Error.WriteLineAsync($"error: {Find<OutageBudgetExceededException>(stopped)!.Message}; committed work is safe — start poq run again once it is back").ConfigureAwait(false);
            return OutageExit;
        }
        catch (Exception stopped)
        {
            await Console.Error.WriteLineAsync($"error: the pipeline stopped: {stopped.GetType().Name}: {stopped.Message}; committed work is safe (a restart resumes from the checkpoints)").ConfigureAwait(false);
            return FailureExit;
        }

        try
        {
            var final = await PipelineTotals.LoadAsync(connection, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped: tasks finalized {final.TasksFinalized}, insufficient {final.TasksInsufficient}, scores accepted {final.ScoresAccepted}"));
        }
        catch (Exception error) when (PostgresFaults.IsTransient(error))
        {
            Console.WriteLine($"stopped (totals unavailable: {error.GetBaseException().Message})");
        }

        return 0;
    }

    private static async Task<string> ProgressLineAsync(PipelineRunner pipeline, string connection, CancellationToken cancellationToken)
    {
        if (pipeline.Health.Database.UnavailableSince is { } since)
        {
            return string.Create(CultureInfo.InvariantCulture, $"database unavailable since {since:HH:mm:ss} ({pipeline.Health.Database.Elapsed.TotalSeconds:0} s of {pipeline.Health.Database.Budget.TotalSeconds:0} s); commits retry, reading waits, partitions owned: {pipeline.OwnedPartitions.Count}");
        }

        try
        {
            var totals = await PipelineTotals.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
            string broker = pipeline.Health.Broker.UnavailableSince is { } down ? string.Create(CultureInfo.InvariantCulture, $", broker unavailable since {down:HH:mm:ss}") : "";
            return string.Create(CultureInfo.InvariantCulture, $"tasks finalized: {totals.TasksFinalized}, insufficient: {totals.TasksInsufficient}, scores accepted: {totals.ScoresAccepted}, dead letters: {totals.DeadLetters}, partitions owned: {pipeline.OwnedPartitions.Count}{broker}");
        }
        catch (Exception error) when (PostgresFaults.IsTransient(error))
        {
            return $"database not answering the progress query: {error.GetBaseException().Message}";
        }
    }

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested)
                    {
                        return nested;
                    }
                }
            }
        }

        return null;
    }
}
