using System.CommandLine;
using System.Diagnostics;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline;
using PoQ.SimulatedFeed;
using PoQ.SimulatedFeed.Demo;
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
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the pipeline to drain.", DefaultValueFactory = _ => (int)DemoRequest.DefaultDrainTimeout.TotalSeconds };
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
            var request = new DemoRequest(network, consensusRule, epoch.Value, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            PoqHome.RememberStore(PoqHome.DemoDatabase); // status, audit, replay and serve now find it without flags
            Console.WriteLine($"kafka: {broker.Bootstrap}");
            Console.WriteLine($"postgres: {connection}");
            await using var demo = await DemoRun.StartAsync(broker.Bootstrap, connection, request, line => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            long published = await SimulateCommand.WithProgressAsync("simulate: publishing", NetworkPublisher.ExpectedMessages(network), progress => demo.PublishAsync(progress, cancellationToken)).ConfigureAwait(false);
            bool drained = await SimulateCommand.WithProgressAsync("pipeline: settling tasks", network.Tasks, progress => demo.WaitForDrainAsync(progress, cancellationToken), fillWhen: drained => drained).ConfigureAwait(false);
            var card = await demo.FinishAsync(cancellationToken).ConfigureAwait(false);
            DemoRendering.Render(card, network, consensusRule.Name, demo.Mechanism.Epochs.ToString(), published, clock.Elapsed);
            if (!drained)
            {
                return CliErrors.Fail("the pipeline did not drain in time: the summary above is partial");
            }

            return 0;
        });
        return command;
    }
}
