using System.CommandLine;
using System.Globalization;
using PoQ.Bench;
using PoQ.Cli.Json;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq bench consensus</c> (rule kernels against an in-process baseline) and <c>poq bench ingest</c>; ratios, not absolute times.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure PoQ's speed; every figure is printed with its ratio to a baseline run in the same process.");
        bench.Subcommands.Add(Consensus());
        bench.Subcommands.Add(ReplayBenchCommand.Create());
        bench.Subcommands.Add(IngestBenchCommand.Create());
        bench.Subcommands.Add(HistoryBenchCommand.Create());
        return bench;
    }

    private static Command Consensus()
    {
        var tasks = new Option<int>("--tasks") { Description = "Tasks per repetition.", DefaultValueFactory = _ => ConsensusBenchmark.DefaultTasks };
        var k = new Option<int>("--k") { Description = "Scores per task.", DefaultValueFactory = _ => ConsensusBenchmark.DefaultK };
        var repetitions = new Option<int>("--repetitions") { Description = "Repetitions; the median is reported.", DefaultValueFactory = _ => ConsensusBenchmark.DefaultRepetitions };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var command = new Command("consensus", "Consensus rule kernels (through the engine the pipeline uses) vs a bare mean loop.") { tasks, k, repetitions, json };
        command.SetAction(parse =>
        {
            int taskCount = parse.GetValue(tasks);
            int kValue = parse.GetValue(k);
            int reps = parse.GetValue(repetitions);
            if (taskCount < 1 || kValue < 1 || kValue > 256 || reps < 1)
            {
                return CliErrors.Fail("--tasks and --repetitions must be ≥ 1; --k must be within [1, 256]");
            }

            bool asJson = parse.GetValue(json);
            IReadOnlyList<BenchFigure> figures = asJson
                ? ConsensusBenchmark.Run(taskCount, kValue, reps)
                : AnsiConsole.Progress().Start(context =>
                {
                    var bar = context.AddTask("consensus kernels");
                    return ConsensusBenchmark.Run(taskCount, kValue, reps, progress: new Progress<(int Done, int Total)>(p =>
                    {
                        bar.MaxValue = p.Total;
                        bar.Value = p.Done;
                    }));
                });
            if (asJson)
            {
                CliJson.Print(ConsensusBenchJson.Of(taskCount, kValue, reps, figures));
                return 0;
            }

            var table = new Table().AddColumn("rule").AddColumn(new TableColumn("ns / task").RightAligned())
                .AddColumn(new TableColumn("tasks / s").RightAligned()).AddColumn(new TableColumn("× baseline").RightAligned());
            foreach (var figure in figures)
            {
                table.AddRow(figure.Name, F(figure.NanosecondsPerOperation, "F1"), F(figure.OperationsPerSecond, "N0"), F(figure.RatioToBaseline, "F2"));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]k = {0}, {1:N0} tasks × {2} repetitions; median kept. Read the ratio: absolute times vary with machine load.[/]", kValue, taskCount, reps);
            return 0;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
