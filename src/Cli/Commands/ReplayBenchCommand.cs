using System.CommandLine;
using System.Globalization;
using PoQ.Bench;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Projections.History;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary><c>poq bench replay</c>: scores replayed per minute against the raw event-read rate of the same store.</summary>
internal static class ReplayBenchCommand
{
    public static Command Create()
    {
        var store = new HistoryStoreOptions(HistoryPresence.Recorded);
        var repetitions = new Option<int>("--repetitions") { Description = "Repetitions; medians are reported.", DefaultValueFactory = _ => ReplayBenchmark.DefaultRepetitions };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var command = new Command("replay", "Replay (read + settle under the recorded rule + scenario write, streamed) vs the raw streamed read of every recorded task, same store, same run.") { repetitions, json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            int reps = parse.GetValue(repetitions);
            if (reps < 1)
            {
                return CliErrors.Fail("--repetitions must be ≥ 1");
            }

            var (connection, error) = await store.ResolveAsync(parse, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return CliErrors.Fail(error!);
            }

            bool asJson = parse.GetValue(json);
            var result = asJson
                ? await ReplayBenchmark.RunAsync(connection, reps, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var bar = context.AddTask("replay vs raw read", maxValue: reps);
                    return await ReplayBenchmark.RunAsync(connection, reps, new Progress<(int Done, int Total)>(p => bar.Value = p.Done), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            if (result is null)
            {
                return CliErrors.Fail("the event store is empty: no finalized task to replay");
            }

            if (asJson)
            {
                CliJson.Print(ReplayBenchJson.Of(result));
                return 0;
            }

            var table = new Table().AddColumn("figure").AddColumn(new TableColumn("scores / min").RightAligned()).AddColumn(new TableColumn("× raw read").RightAligned());
            table.AddRow("raw read (streamed, decoded)", F(result.RawScoresPerMinute, "N0"), "1.00");
            table.AddRow($"replay under {Markup.Escape(result.Rule)} (read + settle + write)", F(result.ReplayScoresPerMinute, "N0"), F(result.Ratio, "F2"));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:N0} tasks, {1:N0} scores × {2} repetitions; medians. Read the ratio: absolute rates vary with machine load.[/]", result.Tasks, result.Scores, result.Repetitions);
            return 0;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
