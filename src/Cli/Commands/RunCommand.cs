using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Services;
using PoQ.Consensus.Windows;
using PoQ.Pipeline;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq run</c>: the stream pipeline until Ctrl-C, on embedded defaults or real services.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap HOST:PORT (default: an embedded Kafka-protocol broker in this process)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (default: a local PostgreSQL under $POQ_HOME)." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic of the embedded broker.", DefaultValueFactory = _ => 64 };
        var quorum = new Option<int>("--quorum") { Description = "Minimum scores for a consensus at the window deadline.", DefaultValueFactory = _ => 2 };
        var deadline = new Option<double>("--deadline") { Description = "Window deadline in seconds.", DefaultValueFactory = _ => 10 };
        var rule = new RuleOptions();
        var command = new Command("run", "Run the PoQ pipeline until Ctrl-C (graceful drain): Kafka → windows → consensus → rewards → Marten.") { kafka, postgres, partitions, quorum, deadline };
        rule.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (consensusRule, error) = rule.Resolve(parse);
            if (consensusRule is null)
            {
                return CliErrors.Fail(error!);
            }

            var windows = new WindowOptions { Quorum = parse.GetValue(quorum), Deadline = TimeSpan.FromSeconds(parse.GetValue(deadline)), UnknownTaskWait = TimeSpan.FromSeconds(parse.GetValue(deadline)) };
            if (windows.Problems() is { Count: > 0 } windowProblems)
            {
                return CliErrors.Fail(string.Join("; ", windowProblems));
            }

            using var broker = KafkaEndpoint.Resolve(parse.GetValue(kafka), parse.GetValue(partitions));
            string connection = await PostgresEndpoint.ResolveAsync(parse.GetValue(postgres), "poq", cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"kafka: {broker.Bootstrap}");
            Console.WriteLine($"postgres: {connection}");
            var options = new PipelineOptions { KafkaBootstrap = broker.Bootstrap, PostgresConnection = connection, Rule = consensusRule, Windows = windows };
            await using var pipeline = await PipelineRunner.StartAsync(options, line => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(line)}[/]"), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[green]running[/] rule {0} ({1}); Ctrl-C drains and stops", consensusRule.Name, consensusRule.ParamsHash);
            try
            {
                while (!pipeline.Completion.IsCompleted)
                {
                    await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(5), cancellationToken), pipeline.Completion).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    var state = pipeline.Committer.State;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tasks finalized: {state.TasksFinalized}, insufficient: {state.TasksInsufficient}, scores accepted: {state.ScoresAccepted}, dead letters: {state.DeadLetters}, in flight: {pipeline.Tracker.InFlight}"));
                }
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("draining…");
            }

            await pipeline.StopAsync().ConfigureAwait(false);
            var final = pipeline.Committer.State;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped: tasks finalized {final.TasksFinalized}, insufficient {final.TasksInsufficient}, scores accepted {final.ScoresAccepted}"));
            return 0;
        });
        return command;
    }
}
