using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Npgsql;
using PoQ.Hosting.Kafka;
using PoQ.Hosting.Postgres;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Status;
using PoQ.Pipeline;
using PoQ.Projections.Store;

namespace PoQ.Chaos;

/// <summary>
/// One run of the input log through a <c>poq run</c> process, on a fresh broker and a fresh database, while the log
/// is published live and (unless clean) one fault strikes mid-stream at a seeded moment — and, for the kill variants,
/// the pipeline is SIGKILLed at a seeded moment inside the fault and started again after it. Then the run drains,
/// the pipeline gets SIGTERM, and the store's facts are read.
/// </summary>
public sealed class FaultRun(ChaosWorld world)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A run without a fault, publishing as fast as the broker takes it: the reference store.</summary>
    public async Task<(StoreFacts Facts, string Notes)> CleanAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(null, "clean", new Random(world.Options.Seed), cancellationToken).ConfigureAwait(false);
        return (result.Facts, result.Notes);
    }

    /// <summary>Runs <paramref name="fault"/> once with timings drawn from <paramref name="timingSeed"/> and compares with <paramref name="clean"/>.</summary>
    public async Task<FaultOutcome> RunAsync(Fault fault, int run, int timingSeed, StoreFacts clean, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(clean);
        var clock = Stopwatch.StartNew();
        var result = await RunAsync(fault, $"{fault.Name.Replace('+', '_').Replace('-', '_')}_{run}", new Random(timingSeed), cancellationToken).ConfigureAwait(false);
        var facts = result.Facts;
        long lost = Math.Max(0, clean.DistinctTasks - facts.DistinctTasks) + Math.Max(0, clean.DeadLetters - facts.DeadLetters);
        return new FaultOutcome(fault, result.Survived, lost, facts.Tasks - facts.DistinctTasks, facts.Digest == clean.Digest, facts.VerifyClean, clock.Elapsed.TotalSeconds, result.Notes)
        {
            ResidentMibAtStart = result.ResidentMibAtStart,
            ResidentMibAtEnd = result.ResidentMibAtEnd,
        };
    }

    private async Task<RunResult> RunAsync(Fault? fault, string name, Random random, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var clock = Stopwatch.StartNew();
        void Note(string line) => notes.Add(string.Create(CultureInfo.InvariantCulture, $"t = {clock.Elapsed.TotalSeconds:0.0} s: {line}"));
        using var broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, world.Options.Partitions);
        string database = await world.CreateDatabaseAsync("chaos_" + name, cancellationToken).ConfigureAwait(false);
        string[] arguments =
        [
            "run", "--kafka", broker.BootstrapServers, "--postgres", database, "--group", "chaos-" + name, "--instance", name,
            "--deadline", "5", "--lanes", "2", "--max-outage", "5m",
        ];
        var lives = new List<PipelineProcess>();
        bool survived = true;
        double rssAtStart = double.NaN, rssAtEnd = double.NaN;
        try
        {
            var pipeline = await StartPipelineAsync(arguments, lives, Note, cancellationToken).ConfigureAwait(false);
            var start = TimeSpan.FromSeconds(2 + (3 * random.NextDouble()));
            var duration = fault?.Duration ?? TimeSpan.Zero;

            // Live: publishing lasts past the fault, so records arrive before, during and after it.
            var publishFor = fault is null ? TimeSpan.FromSeconds(5) : start + duration + TimeSpan.FromSeconds(8);
            double rate = world.Messages.Count / publishFor.TotalSeconds;
            var publishing = Task.Run(() => LogPublisher.PublishAsync(broker.BootstrapServers, world.Messages, world.Scenario.Evaluators, world.Scenario.Start, world.Options.Partitions, rate, cancellationToken), cancellationToken);
            Note($"publishing {world.Messages.Count} messages at {rate:0}/s");
            if (fault is not null)
            {
                await Task.Delay(start, cancellationToken).ConfigureAwait(false);
                rssAtStart = pipeline.ResidentMib;
                Note($"resident memory at the fault's start: {rssAtStart:0} MiB");
                (pipeline, rssAtEnd) = await InjectAsync(fault, broker, database, pipeline, arguments, lives, random, Note, cancellationToken).ConfigureAwait(false);
                if (!fault.KillDuring && !pipeline.IsRunning)
                {
                    survived = false;
                    Note($"the pipeline died during the fault (exit {pipeline.ExitCode})");
                }
            }

            await publishing.ConfigureAwait(false);
            Note("published");
            bool drained = await DrainedAsync(broker.BootstrapServers, database, cancellationToken).ConfigureAwait(false);
            Note(drained ? "drained" : "did not drain in time");
            survived &= drained && pipeline.IsRunning;
            int? exit = await pipeline.TerminateAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            Note($"SIGTERM: exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "none (hung)"}");
            survived &= exit == 0;
            int late = lives.Sum(l => l.Output.Split('\n').Count(line => line.Contains("merge order differs from the log's", StringComparison.Ordinal)));
            if (late > 0)
            {
                Note($"{late} partition(s) merged records out of the log's order after an idle-wait release (the digest may differ for that reason)");
            }

            var facts = await StoreFacts.ReadAsync(database, cancellationToken).ConfigureAwait(false);
            return new RunResult(facts, survived, Describe(notes, lives, survived), rssAtStart, rssAtEnd);
        }
        finally
        {
            foreach (var life in lives)
            {
                life.Dispose();
            }
        }
    }

    // Returns the pipeline running after the fault (a new life after a kill) and the first life's resident memory as the
    // fault ended (NaN when it was killed during it).
    private async Task<(PipelineProcess Pipeline, double ResidentMibAtEnd)> InjectAsync(
        Fault fault, EmbeddedKafkaBroker broker, string database, PipelineProcess pipeline, string[] arguments, List<PipelineProcess> lives, Random random, Action<string> note, CancellationToken cancellationToken)
    {
        double atEnd = double.NaN;
        var killAt = TimeSpan.FromTicks((long)(fault.Duration.Ticks * (0.2 + (0.6 * random.NextDouble()))));
        async Task HoldAsync()
        {
            if (!fault.KillDuring)
            {
                await Task.Delay(fault.Duration, cancellationToken).ConfigureAwait(false);
                return;
            }

            await Task.Delay(killAt, cancellationToken).ConfigureAwait(false);
            await pipeline.KillAsync().ConfigureAwait(false);
            note($"SIGKILL of the pipeline {killAt.TotalSeconds:0.0} s into the fault");
            await Task.Delay(fault.Duration - killAt, cancellationToken).ConfigureAwait(false);
        }

        void End()
        {
            if (!fault.KillDuring)
            {
                atEnd = pipeline.ResidentMib;
                note($"resident memory at the fault's end: {atEnd:0} MiB");
            }
        }

        switch (fault.Kind)
        {
            case FaultKind.PostgresFastShutdown or FaultKind.PostgresCrash:
                var mode = fault.Kind == FaultKind.PostgresCrash ? PostgresShutdown.Immediate : PostgresShutdown.Fast;
                await world.StopPostgresAsync(mode, cancellationToken).ConfigureAwait(false);
                note($"PostgreSQL stopped ({mode})");
                await HoldAsync().ConfigureAwait(false);
                End();
                await world.StartPostgresAsync(cancellationToken).ConfigureAwait(false);
                note("PostgreSQL started");
                break;
            case FaultKind.BrokerDown:
                for (int id = 1; id <= broker.BrokerCount; id++)
                {
                    broker.SetBrokerDown(id);
                }

                note("broker down");
                await HoldAsync().ConfigureAwait(false);
                End();
                for (int id = 1; id <= broker.BrokerCount; id++)
                {
                    broker.SetBrokerUp(id);
                }

                note("broker up");
                break;
            case FaultKind.CommitStall:
                await using (var connection = new NpgsqlConnection(database))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (var command = new NpgsqlCommand($"lock table {PoqStore.Schema}.{PoqTables.PartitionCheckpoints} in access exclusive mode", connection, transaction))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    note("checkpoint table locked: commits stall");
                    await HoldAsync().ConfigureAwait(false);
                    End();
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                note("lock released");
                break;
        }

        return (fault.KillDuring ? await StartPipelineAsync(arguments, lives, note, cancellationToken).ConfigureAwait(false) : pipeline, atEnd);
    }

    private async Task<PipelineProcess> StartPipelineAsync(string[] arguments, List<PipelineProcess> lives, Action<string> note, CancellationToken cancellationToken)
    {
        var life = PipelineProcess.Start(world.Poq, world.Directory, arguments);
        lives.Add(life);
        if (!await life.WaitForLineAsync("running", StartTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"poq run did not start:{Environment.NewLine}{life.Output}");
        }

        note($"pipeline life {lives.Count} running");
        return life;
    }

    // Drained: every input record is below a checkpoint, and the store has stopped growing.
    private async Task<bool> DrainedAsync(string bootstrap, string database, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        long last = -1;
        int stable = 0;
        while (deadline.Elapsed < world.Options.DrainTimeout)
        {
            try
            {
                var status = await PipelineStatusQuery.LoadAsync(database, bootstrap, TopicNames.Default, cancellationToken).ConfigureAwait(false);
                long recorded = status.TasksFinalized + status.TasksInsufficient + status.DeadLetters.Values.Sum();
                stable = status.ConsumerLag == 0 && recorded == last ? stable + 1 : 0;
                last = recorded;
                if (stable >= 3)
                {
                    return true;
                }
            }
            catch (Exception notYet) when (notYet is NpgsqlException or KafkaException or InvalidOperationException)
            {
                stable = 0;
            }

            await Task.Delay(1_000, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static string Describe(List<string> notes, List<PipelineProcess> lives, bool survived) =>
        string.Join(Environment.NewLine, notes)
        + (survived ? "" : Environment.NewLine + string.Join(Environment.NewLine, lives.Select((l, i) => $"--- life {i + 1} ---{Environment.NewLine}{l.Output}")));

    private sealed record RunResult(StoreFacts Facts, bool Survived, string Notes, double ResidentMibAtStart, double ResidentMibAtEnd);
}
