using System.CommandLine;
using System.Diagnostics;
using PoQ.Experiments;
using PoQ.Experiments.Corpus;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>Runs a <c>poq experiment</c> subcommand: progress bars while it runs, a summary table at the end.</summary>
internal static class ExperimentExecution
{
    public static async Task<int> RunAsync(ExperimentCliOptions cli, ParseResult parseResult, ExperimentSelection selection, CancellationToken cancellationToken)
    {
        var (options, problems) = cli.Bind(parseResult);
        if (options is null)
        {
            foreach (string problem in problems)
            {
                Console.Error.WriteLine($"error: {problem}");
            }

            return 2;
        }

        string output = parseResult.GetValue(cli.Out)!;
        string? data = parseResult.GetValue(cli.Data);
        try
        {
            CorpusSnapshot? corpus = null;
            ExperimentResult? result = null;
            var corpusTime = Stopwatch.StartNew();
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bars = new ProgressBars(context);
                    corpus = await CorpusLoader.LoadAsync(data, (int)(options.Seed % int.MaxValue), new Progress<(string Stage, int Done, int Total)>(p => bars.Report("corpus: " + p.Stage, p.Done, p.Total)), cancellationToken).ConfigureAwait(false);
                    corpusTime.Stop();
                    bars.Report("corpus: ready", 1, 1);
                    result = await Task.Run(() => ExperimentRunner.Run(corpus, options, selection, new SynchronousProgress(p => bars.Report(p.Stage, p.Done, p.Total)), cancellationToken), cancellationToken).ConfigureAwait(false);
                    bars.Report("writing outputs", 0, 1);
                    result = ExperimentRunner.Write(result, output, corpusTime.Elapsed);
                    bars.Report("writing outputs", 1, 1);
                }).ConfigureAwait(false);

            ExperimentSummary.Print(result!, corpusTime.Elapsed, output);
            return 0;
        }
        catch (ArgumentException problem)
        {
            Console.Error.WriteLine($"error: {problem.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    /// <summary>Reports on the calling thread (the sweep's worker threads), unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }

    private sealed class ProgressBars(ProgressContext context)
    {
        private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);
        private readonly Lock gate = new();

        public void Report(string stage, int done, int total)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(stage, out var task))
                {
                    task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, total));
                    tasks[stage] = task;
                }

                task.MaxValue = Math.Max(1, total);
                task.Value = Math.Max(task.Value, done);
            }
        }
    }
}
