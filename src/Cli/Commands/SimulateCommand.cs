using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using PoQ.SimulatedFeed;
using PoQ.SimulatedFeed.Escalations;
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
        var answer = new Option<bool>("--answer-escalations")
        {
            Description = "The simulated evaluators answer escalations: for each request on poq.escalations about this run's tasks, one signed "
                + "score per requested evaluator goes to poq.scores, stamped its latency after the request. An answer counts only if its log "
                + "time is at or before the request's deadline, and a record's log time is at least its partition's stream time: pace the "
                + "feed with --rate so that log time follows the wall clock (unpaced, the feed's clock runs ahead and answers come too late).",
        };
        var answerFor = new Option<double>("--answer-for") { Description = "With --answer-escalations: seconds to keep answering after the feed is published (the last tasks escalate after their windows close); the scenario's closing clock record is sent after them.", DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        var command = new Command("simulate", "Publish a seeded simulated network of tasks and scores to Kafka.") { kafka, rate, answer, answerFor };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (scenario, error) = options.Resolve(parse);
            if (scenario is null)
            {
                return CliErrors.Fail(error!);
            }

            double grace = parse.GetValue(answerFor);
            if (!double.IsFinite(grace) || grace < 0 || grace > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return CliErrors.Fail(string.Create(CultureInfo.InvariantCulture, $"--answer-for = {grace}: must be a number of seconds ≥ 0"));
            }

            string? bootstrap = parse.GetValue(kafka) ?? PoqHome.RememberedBroker();
            if (bootstrap is null)
            {
                return CliErrors.Fail("no broker: start `poq run` or `poq broker` first, or pass --kafka HOST:PORT");
            }

            NativeKafka.EnsureLoaded();
            Console.WriteLine($"kafka: {bootstrap}");
            scenario = Shifted(bootstrap, scenario);
            if (!parse.GetValue(answer))
            {
                long published = await WithProgressAsync("simulate: publishing", NetworkPublisher.ExpectedMessages(scenario), progress => NetworkPublisher.PublishAsync(bootstrap, scenario, parse.GetValue(rate), progress, cancellationToken)).ConfigureAwait(false);
                RenderPublished(published, scenario);
                return 0;
            }

            // The responder's lines wait while the progress bar is live (writing under it garbles both).
            var lines = new ConcurrentQueue<string>();
            await using var feed = AnsweringFeed.Start(bootstrap, scenario, lines.Enqueue);
            long sent = await WithProgressAsync("simulate: publishing", NetworkPublisher.ExpectedMessages(scenario), progress => feed.PublishAsync(parse.GetValue(rate), progress, cancellationToken)).ConfigureAwait(false);
            RenderPublished(sent, scenario);
            RenderLines(lines);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answering escalations for {grace:0.#} s more…"));
            var counts = await feed.FinishAsync(TimeSpan.FromSeconds(grace), cancellationToken).ConfigureAwait(false);
            Console.WriteLine("published the closing clock record: windows still open close");
            RenderLines(lines);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation requests: {counts.RequestsSeen} ({counts.RequestsRepeated} repeated, {counts.RequestsSkipped} skipped)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalations answered: {counts.RequestsAnswered}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalation scores: {counts.ScoresPublished}"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The scenario as it may be published: when the topics already hold records the simulated clock starts a minute
    /// after the latest of them (log time must keep moving forward), and says so.
    /// </summary>
    private static NetworkScenarioOptions Shifted(string bootstrap, NetworkScenarioOptions scenario)
    {
        var (shifted, latest) = NetworkPublisher.AfterLogTail(bootstrap, scenario);
        if (latest is not null)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]the topics already hold records up to {0:O}: the simulated clock starts at {1:O}[/]", latest, shifted.Start);
        }

        return shifted;
    }

    private static void RenderPublished(long published, NetworkScenarioOptions scenario) =>
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "published [green]{0:N0}[/] messages ({1:N0} tasks, run id {2})", published, scenario.Tasks, scenario.RunId);

    // A broker holding many old requests could log one line each: the first few say what happens, a count says how often.
    private static void RenderLines(ConcurrentQueue<string> lines)
    {
        const int Shown = 20;
        int count = 0;
        while (lines.TryDequeue(out string? line))
        {
            if (++count <= Shown)
            {
                AnsiConsole.MarkupLine("[grey]{0}[/]", Markup.Escape(line));
            }
        }

        if (count > Shown)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]… and {0:N0} more such lines[/]", count - Shown);
        }
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
