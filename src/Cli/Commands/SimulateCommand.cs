using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.SimulatedFeed;
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
    /// Publishes a scenario with a progress bar. When the topics already hold records the
    /// simulated clock starts a minute after the latest of them (log time must keep moving forward) and says so.
    /// </summary>
    private static async Task<long> PublishWithProgressAsync(string bootstrap, NetworkScenarioOptions scenario, double rate, CancellationToken cancellationToken)
    {
        var (shifted, latest) = NetworkPublisher.AfterLogTail(bootstrap, scenario);
        if (latest is not null)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]the topics already hold records up to {0:O}: the simulated clock starts at {1:O}[/]", latest, shifted.Start);
        }

        return await WithProgressAsync("simulate: publishing", NetworkPublisher.ExpectedMessages(shifted), progress => NetworkPublisher.PublishAsync(bootstrap, shifted, rate, progress, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="step"/> under a progress bar of <paramref name="total"/>, filled when the step ends (or when
    /// <paramref name="fillWhen"/> says its result completed the work: totals may be estimates).
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(string title, long total, Func<IProgress<long>, Task<T>> step, Func<T, bool>? fillWhen = null) =>
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask(title, maxValue: total);
            var result = await step(new SynchronousProgress<long>(n => bar.Value = Math.Min(n, total))).ConfigureAwait(false);
            if (fillWhen?.Invoke(result) ?? true)
            {
                bar.Value = total;
            }

            return result;
        }).ConfigureAwait(false);
}
