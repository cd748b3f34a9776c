using System.Diagnostics;
using Npgsql;
using PoQ.Consensus.Windows;
using PoQ.Pipeline;
using PoQ.Pipeline.Demo;
using PoQ.Projections.Store;
using PoQ.Settlement;

namespace PoQ.SimulatedFeed.Demo;

/// <summary>
/// <c>poq demo</c> as a use case: a seeded simulated network published into a broker and settled by a real pipeline into
/// a fresh store, then compared with what the simulator knows. One step a call — start, publish, drain, finish — so the
/// caller can show each step's progress; the CLI only parses, calls and renders.
/// </summary>
public sealed class DemoRun : IAsyncDisposable
{
    /// <summary>The consumer group of the demo's pipeline.</summary>
    public const string Group = "poq-demo";

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(200);

    private readonly string bootstrap;
    private readonly string connection;
    private readonly PipelineRunner pipeline;

    private DemoRun(string bootstrap, string connection, DemoRequest request, SimulatorFacts facts, PipelineRunner pipeline)
    {
        this.bootstrap = bootstrap;
        this.connection = connection;
        Request = request;
        Facts = facts;
        this.pipeline = pipeline;
    }

    /// <summary>Short windows (log time): the demo's evaluators all answer within 55 ms of simulated time.</summary>
    public static WindowOptions Windows { get; } = new() { Deadline = TimeSpan.FromSeconds(3), UnknownTaskWait = TimeSpan.FromSeconds(3), Quorum = 2 };

    /// <summary>What runs.</summary>
    public DemoRequest Request { get; }

    /// <summary>What the simulator knows.</summary>
    public SimulatorFacts Facts { get; }

    /// <summary>The mechanism the pipeline settles with.</summary>
    public Mechanism Mechanism => pipeline.Mechanism;

    /// <summary>
    /// Empties the store at <paramref name="connectionString"/> (the demo records into a database of its own) and starts a
    /// pipeline on <paramref name="bootstrapServers"/>; <paramref name="log"/> receives the pipeline's lines.
    /// </summary>
    public static async Task<DemoRun> StartAsync(string bootstrapServers, string connectionString, DemoRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ResetAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var facts = SimulatorFacts.Of(request.Network);
        var options = new PipelineOptions
        {
            KafkaBootstrap = bootstrapServers,
            PostgresConnection = connectionString,
            Rule = request.Rule,
            Windows = Windows,
            TrustEpoch = request.TrustEpoch,
            Group = Group,
            SamplingSeed = request.Network.SamplingSeed,
        };
        var pipeline = await PipelineRunner.StartAsync(options, log, cancellationToken).ConfigureAwait(false);
        return new DemoRun(bootstrapServers, connectionString, request, facts, pipeline);
    }

    /// <summary>Publishes the network as fast as the broker takes it; returns the messages published.</summary>
    public Task<long> PublishAsync(IProgress<long>? progress, CancellationToken cancellationToken) =>
        NetworkPublisher.PublishAsync(bootstrap, Request.Network, 0, progress, cancellationToken);

    /// <summary>
    /// Waits until every task is settled and every fault dead-lettered (committed counts, not what is in flight), the
    /// pipeline stops, or <see cref="DemoRequest.DrainTimeout"/> passes; <paramref name="settled"/> receives the tasks settled.
    /// True when drained.
    /// </summary>
    public async Task<bool> WaitForDrainAsync(IProgress<long>? settled, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        int tasks = Request.Network.Tasks;
        while (elapsed.Elapsed < Request.DrainTimeout && !pipeline.Completion.IsCompleted)
        {
            var totals = await PipelineTotals.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
            long done = totals.TasksFinalized + totals.TasksInsufficient;
            settled?.Report(done);
            if (done >= tasks && totals.DeadLetters >= Facts.Faults)
            {
                return true;
            }

            await Task.Delay(DrainPoll, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Stops the pipeline, records the simulator's manifest (for replay reports) and scores the recorded history.</summary>
    public async Task<DemoScorecard> FinishAsync(CancellationToken cancellationToken)
    {
        await pipeline.StopAsync().ConfigureAwait(false);
        using var store = PoqStore.Create(connection);
        await using (var session = store.LightweightSession())
        {
            session.Store(Facts.Manifest(Request.Network));
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DemoScorecard.BuildAsync(store, connection, Facts.HiddenTruth, Facts.MaliciousEvaluators, Facts.InjectedDeadLetters, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => pipeline.DisposeAsync();

    private static async Task ResetAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"drop schema if exists {PoqStore.Schema} cascade; drop schema if exists {PoqStore.ScenarioSchema} cascade", db);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
