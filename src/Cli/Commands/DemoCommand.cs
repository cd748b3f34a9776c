using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Marten;
using Npgsql;
using PoQ.Cli.Services;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Demo;
using PoQ.Pipeline;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Simulation.Pool;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq demo</c>: the whole product in one command on embedded defaults — embedded broker, local PostgreSQL
/// (a fresh <c>poq_demo</c> database), a simulated network with attackers and bad messages, the pipeline
/// until drained, and a summary a person can read.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var scenario = new ScenarioCliOptions();
        var rule = new RuleOptions();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the pipeline to drain.", DefaultValueFactory = _ => 100 };
        var trustEpoch = new Option<string>("--trust-epoch") { Description = "Trust epoch in log time (e.g. 2s); 0 = the paper's sequential update (order dependent).", DefaultValueFactory = _ => Durations.Format(PipelineOptions.Defaults.TrustEpoch) };
        var command = new Command("demo", "Embedded broker + local PostgreSQL + a simulated network through the pipeline, then a summary and the settlement digest.") { timeout, trustEpoch };
        scenario.AddTo(command);
        rule.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (network, error) = scenario.Resolve(parse);
            var (consensusRule, ruleError) = rule.Resolve(parse);
            var (epoch, epochError) = Durations.Parse("--trust-epoch", parse.GetValue(trustEpoch));
            if (network is null || consensusRule is null || epoch is null)
            {
                return CliErrors.Fail(error ?? ruleError ?? epochError!);
            }

            var clock = Stopwatch.StartNew();
            using var broker = KafkaEndpoint.Resolve(null, PoqTopics.DefaultPartitions);
            string connection = await PostgresEndpoint.ResolveAsync(null, PoqHome.DemoDatabase, cancellationToken).ConfigureAwait(false);
            await ResetAsync(connection, cancellationToken).ConfigureAwait(false);
            PoqHome.RememberStore(PoqHome.DemoDatabase); // status, audit, replay and serve now find it without flags
            Console.WriteLine($"kafka: {broker.Bootstrap}");
            Console.WriteLine($"postgres: {connection}");

            var messages = NetworkScenario.Generate(network).ToList();
            var truth = messages.OfType<SimulatedTask>().ToDictionary(t => t.TaskId, t => t.HiddenTruth, StringComparer.Ordinal);
            var pool = NetworkScenario.Pool(network);
            var malicious = Enumerable.Range(0, pool.Size).Where(pool.IsMalicious).Select(EvaluatorPool.EvaluatorId).ToHashSet(StringComparer.Ordinal);
            var expected = messages.OfType<FaultyMessage>().GroupBy(f => f.ExpectedReason).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
            long faults = expected.Values.Sum();

            // Short windows (log time): the demo's evaluators all answer within 55 ms of simulated time.
            var windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(3), UnknownTaskWait = TimeSpan.FromSeconds(3), Quorum = 2 };
            var options = new PipelineOptions { KafkaBootstrap = broker.Bootstrap, PostgresConnection = connection, Rule = consensusRule, Windows = windows, TrustEpoch = epoch.Value, Group = "poq-demo" };
            await using var pipeline = await PipelineRunner.StartAsync(options, line => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            long published = await SimulateCommand.PublishWithProgressAsync(broker.Bootstrap, network, 0, cancellationToken).ConfigureAwait(false);
            bool drained = await WaitForDrainAsync(pipeline, connection, network.Tasks, faults, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken).ConfigureAwait(false);
            await pipeline.StopAsync().ConfigureAwait(false);

            using var store = PoqStore.Create(connection);
            await WriteManifestAsync(store, network, truth, malicious, cancellationToken).ConfigureAwait(false);
            var card = await DemoScorecard.BuildAsync(store, connection, truth, malicious, expected, cancellationToken).ConfigureAwait(false);
            DemoRendering.Render(card, network, consensusRule.Name, pipeline.Mechanism.Epochs.ToString(), published, clock.Elapsed);
            if (!drained)
            {
                return CliErrors.Fail("the pipeline did not drain in time: the summary above is partial");
            }

            return 0;
        });
        return command;
    }

    private static async Task ResetAsync(string connection, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"drop schema if exists {PoqStore.Schema} cascade; drop schema if exists {PoqStore.ScenarioSchema} cascade", db);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the simulator knew (hidden truth, malicious evaluators), for replay reports.</summary>
    private static async Task WriteManifestAsync(IDocumentStore store, NetworkScenarioOptions network, Dictionary<string, double> truth, HashSet<string> malicious, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store(new SimulationManifest
        {
            Attack = AttackNames.Name(network.Attack),
            MaliciousRatio = network.MaliciousRatio,
            Seed = network.Seed,
            HiddenTruth = truth,
            MaliciousEvaluators = [.. malicious.Order(StringComparer.Ordinal)],
        });
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WaitForDrainAsync(PipelineRunner pipeline, string connection, int tasks, long faults, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        return await AnsiConsole.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask("pipeline: settling tasks", maxValue: tasks);
            while (deadline.Elapsed < timeout && !pipeline.Completion.IsCompleted)
            {
                // Committed counts (the checkpoints), not what is in flight.
                var totals = await PipelineTotals.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
                bar.Value = totals.TasksFinalized + totals.TasksInsufficient;
                if (totals.TasksFinalized + totals.TasksInsufficient >= tasks && totals.DeadLetters >= faults)
                {
                    bar.Value = tasks;
                    return true;
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }).ConfigureAwait(false);
    }
}
