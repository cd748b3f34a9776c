using System.CommandLine;
using System.Globalization;
using PoQ.Bench.History;
using PoQ.Chaos;
using PoQ.Cli.Json;
using PoQ.Cli.Services;
using PoQ.Hosting.Kafka;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq chaos --runs N [--seed S] [--json]</c>: the fault catalogue (PostgreSQL fast shutdown and crash, broker down, a
/// stalled commit, each alone and with a SIGKILL of the pipeline inside it) replayed N times on one seeded log against
/// <c>poq run</c> processes, each run compared with a clean run of the same log.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Times to run the whole catalogue.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seeds the log and every timing.", DefaultValueFactory = _ => new ChaosOptions().Seed };
        var tasks = new Option<int>("--tasks") { Description = "Tasks in the log.", DefaultValueFactory = _ => new ChaosOptions().Tasks };
        var scale = new Option<double>("--scale") { Description = "Scales the fault durations (1 = 20 s PostgreSQL shutdown, 30 s broker outage and commit stall).", DefaultValueFactory = _ => new ChaosOptions().Scale };
        var faults = new Option<string?>("--faults") { Description = "Comma-separated fault names (default: the whole catalogue)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: runs, faults [{name, runs, survived, lost, duplicates, digest_equal}]." };
        var command = new Command("chaos", "Soak: run the fault catalogue N times against poq run on one seeded log; per fault, runs survived, records lost, duplicate payouts and digest equality.")
        {
            runs, seed, tasks, scale, faults, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ChaosOptions { Seed = parse.GetValue(seed), Tasks = parse.GetValue(tasks), Scale = parse.GetValue(scale) };
            if (options.Problems() is { Count: > 0 } problems)
            {
                return CliErrors.Fail(string.Join("; ", problems));
            }

            int runCount = parse.GetValue(runs);
            if (runCount is < 1 or > 1_000)
            {
                return CliErrors.Fail($"--runs = {runCount}: must be within [1, 1000]");
            }

            var catalogue = Fault.Catalogue(options.Scale);
            var chosen = catalogue;
            if (parse.GetValue(faults) is { } names)
            {
                var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = wanted.Where(n => catalogue.All(f => f.Name != n)).ToList();
                if (unknown.Count > 0)
                {
                    return CliErrors.Fail($"--faults: unknown {string.Join(", ", unknown)}; known: {string.Join(", ", catalogue.Select(f => f.Name))}");
                }

                chosen = [.. catalogue.Where(f => wanted.Contains(f.Name))];
            }

            NativeKafka.EnsureLoaded();
            bool quiet = parse.GetValue(json);
            int done = 0, total = runCount * chosen.Count;
            var progress = new SynchronousProgress<FaultOutcome>(o =>
            {
                done++;
                if (!quiet)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{done}/{total}] {o.Fault.Name}: {(o.Passed ? "held" : "FAILED")} in {o.Seconds:0} s (survived {o.Survived}, lost {o.Lost}, duplicates {o.Duplicates}, digest equal {o.DigestEqual}, verify clean {o.VerifyClean}; RSS {o.ResidentMibAtStart:0} → {o.ResidentMibAtEnd:0} MiB)"));
                    if (!o.Passed)
                    {
                        Console.Error.WriteLine(o.Notes);
                    }
                }
            });
            var (clean, outcomes, tallies) = await ChaosSoak.RunAsync(ChildProcess.Self(), options, chosen, runCount, progress, cancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                CliJson.Print(new ChaosJson(runCount, options.Seed, clean.DistinctTasks, clean.Digest, [.. tallies.Select(t => ChaosFaultJson.Of(t, Growth(outcomes, t.Name)))]));
            }
            else
            {
                var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"poq chaos: {runCount} run(s), seed {options.Seed}, {clean.DistinctTasks} tasks per run"))
                    .AddColumns("fault", "survived", "lost", "duplicates", "digest equal", "verify clean", "RSS growth during fault (max)");
                foreach (var t in tallies)
                {
                    string Of(int n) => string.Create(CultureInfo.InvariantCulture, $"{n}/{t.Runs}");
                    string growth = Growth(outcomes, t.Name) is { } g ? string.Create(CultureInfo.InvariantCulture, $"{g:+0;-0;0} MiB") : "— (killed)";
                    table.AddRow(t.Name, Of(t.Survived), t.Lost.ToString(CultureInfo.InvariantCulture), t.Duplicates.ToString(CultureInfo.InvariantCulture), Of(t.DigestEqual), Of(t.VerifyClean), growth);
                }

                AnsiConsole.Write(table);
            }

            return tallies.All(t => t.AllHeld) ? 0 : 1;
        });
        return command;
    }

    // The largest growth of the pipeline's resident memory across a fault (backpressure should keep it flat); null when every run killed it.
    private static double? Growth(IEnumerable<FaultOutcome> outcomes, string fault)
    {
        var growths = outcomes.Where(o => o.Fault.Name == fault && !double.IsNaN(o.ResidentMibAtEnd) && !double.IsNaN(o.ResidentMibAtStart))
            .Select(o => o.ResidentMibAtEnd - o.ResidentMibAtStart).ToList();
        return growths.Count == 0 ? null : growths.Max();
    }
}
