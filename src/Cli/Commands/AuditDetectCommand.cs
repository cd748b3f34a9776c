using System.CommandLine;
using PoQ.Cli.Services;
using PoQ.Projections.Detection;
using PoQ.Projections.History;
using PoQ.Projections.Queries;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq audit detect [--json]</c>: collusion and copy detection over the recorded history, each flag recorded as an
/// <see cref="EvaluatorFlagged"/> event (once per history and options: a second run reads the first back). Parses, calls
/// <see cref="HistoryDetection"/>, renders. JSON (snake_case, as the audit API): <c>tasks</c>, <c>flags</c> (each
/// <c>kind</c>, <c>evaluators</c>, <c>statistic</c>, <c>threshold</c>, <c>pairs</c>, <c>evidence</c>) and the run's coverage.
/// </summary>
internal static class AuditDetectCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: run, tasks, flags (kind, evaluators, statistic, threshold, pairs, evidence), baselines." };
        var store = new HistoryStoreOptions(HistoryPresence.Recorded);
        var command = new Command("detect", "Flag colluding pairs (cartels) and copiers from the recorded verdicts and record the flags as events (idempotent).") { json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) => await store.RunAsync(
            parse,
            async opened =>
            {
                bool quiet = parse.GetValue(json);
                var (run, problem) = quiet
                    ? await HistoryDetection.RunAsync(opened.Documents, opened.Connection, null, null, cancellationToken).ConfigureAwait(false)
                    : await AnsiConsole.Progress().StartAsync(async context =>
                    {
                        var bar = context.AddTask("reading the recorded verdicts", maxValue: 1);
                        var progress = new SynchronousProgress<(long Done, long Total)>(p => (bar.MaxValue, bar.Value) = (Math.Max(1, p.Total), p.Done));
                        return await HistoryDetection.RunAsync(opened.Documents, opened.Connection, null, progress, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                if (run is null)
                {
                    return CliErrors.Fail(problem!);
                }

                var audit = DetectionAudit.Of(run);
                if (quiet)
                {
                    Console.WriteLine(AuditJson.Serialize(audit));
                }
                else
                {
                    FlagRendering.Run(audit);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false));
        return command;
    }
}
