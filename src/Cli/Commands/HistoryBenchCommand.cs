using System.CommandLine;
using System.Globalization;
using PoQ.Bench.History;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Hosting.Postgres;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq bench history --tasks N[,N…] [--json]</c>: replay, verify and auditor queries over histories of N tasks built
/// through the pipeline's commit path; per size replay scores/min, verify tasks/s, query p99 and the peak resident set of
/// the replay and verify processes, with each size's ratio to the smallest.
/// </summary>
internal static class HistoryBenchCommand
{
    public static Command Create()
    {
        var tasks = new Option<string>("--tasks") { Description = "History sizes, comma separated (e.g. 100000,1000000).", Required = true };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server to build the histories on (database poq_history_N); default: a bench-only local server under $POQ_HOME/bench." };
        var fresh = new Option<bool>("--fresh") { Description = "Rebuild each history even when a store of that size exists." };
        var json = new Option<bool>("--json") { Description = "Print a JSON list (one object per size) instead of a table." };
        var command = new Command("history", "Replay, verify and auditor-query speed and memory over histories of N tasks (built through the commit path).") { tasks, postgres, fresh, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (sizes, problem) = HistoryBenchmark.ParseSizes(parse.GetValue(tasks)!);
            if (sizes is null)
            {
                return CliErrors.Fail(problem!);
            }

            string server = parse.GetValue(postgres)
                ?? (await LocalPostgres.EnsureRunningAsync(PostgresEndpoint.Local(Path.Combine(PoqHome.Path, "bench"), "poq_bench", fsync: false), cancellationToken).ConfigureAwait(false)).ConnectionString;
            var poq = ChildProcess.Self();
            var results = new List<HistoryBenchResult>();
            try
            {
                if (parse.GetValue(json))
                {
                    foreach (int size in sizes)
                    {
                        results.Add(await HistoryBenchmark.RunAsync(server, size, parse.GetValue(fresh), poq, null, cancellationToken).ConfigureAwait(false));
                    }

                    CliJson.Print(results.Select(r => HistoryBenchJson.Of(r, results[0])).ToList());
                    return 0;
                }

                await AnsiConsole.Progress().StartAsync(async context =>
                {
                    foreach (int size in sizes)
                    {
                        var bars = new[] { HistoryBenchmark.Build, HistoryBenchmark.Replay, HistoryBenchmark.Verify, HistoryBenchmark.Queries }
                            .ToDictionary(p => p, p => context.AddTask(string.Create(CultureInfo.InvariantCulture, $"{size:N0} tasks: {p}"), autoStart: true, maxValue: 1));
                        var progress = new SynchronousProgress<(int Tasks, string Phase, long Done, long Total)>(p => (bars[p.Phase].MaxValue, bars[p.Phase].Value) = (Math.Max(1, p.Total), p.Done));
                        results.Add(await HistoryBenchmark.RunAsync(server, size, parse.GetValue(fresh), poq, progress, cancellationToken).ConfigureAwait(false));
                    }
                }).ConfigureAwait(false);
            }
            catch (InvalidOperationException error)
            {
                return CliErrors.Fail($"bench history: {error.Message}");
            }

            Render(results);
            return 0;
        });
        return command;
    }

    private static void Render(IReadOnlyList<HistoryBenchResult> results)
    {
        var smallest = results[0];
        var table = new Table().AddColumn("figure");
        foreach (var r in results)
        {
            table.AddColumn(new TableColumn(r.Tasks.ToString("N0", CultureInfo.InvariantCulture) + " tasks").RightAligned());
        }

        void Row(string name, Func<HistoryBenchResult, string> value) => table.AddRow([name, .. results.Select(value)]);
        Row("replay scores / min (read + settle + write)", r => F(r.ReplayScoresPerMinute, "N0"));
        Row("verify tasks / s", r => F(r.VerifyTasksPerSecond, "N0"));
        foreach (string query in smallest.QueryP99MsByQuery.Keys)
        {
            Row($"p99 {query} (ms)", r => F(r.QueryP99MsByQuery[query], "F1"));
        }

        Row("replay peak RSS MiB (× smallest)", r => $"{F(r.ReplayPeakRssMib, "F0")} ({F(r.ReplayPeakRssMib / smallest.ReplayPeakRssMib, "F2")}×)");
        Row("verify peak RSS MiB (× smallest)", r => $"{F(r.VerifyPeakRssMib, "F0")} ({F(r.VerifyPeakRssMib / smallest.VerifyPeakRssMib, "F2")}×)");
        Row("verify", r => r.VerifyClean ? "[green]clean[/]" : "[red]mismatches[/]");
        Row("history built (tasks / s through the commit path)", r => r.Built ? F(r.BuildTasksPerSecond, "N0") : "reused");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Histories are built through the lane committer (inline projections, epoch coordinator) without Kafka; replay and verify run as separate poq processes. Machines here are noisy: compare sizes, not runs.[/]");
    }

    private static string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}
