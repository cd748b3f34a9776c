using System.CommandLine;
using PoQ.Cli.Services;
using PoQ.Projections.Audit;

namespace PoQ.Cli.Commands;

/// <summary>
/// <c>poq audit task ID | node ID | evaluator ID | verify [--task ID | --all] | digest</c>: what an auditor needs to
/// explain, re-derive and fingerprint any payout, as tables or <c>--json</c> (snake_case, the HTTP API's shape).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Explain recorded payouts (task, node, evaluator), re-derive them from the recorded events (verify) and fingerprint them (digest).");
        command.Subcommands.Add(Lookup("task", "Show one task's breakdown: scores, weights, trimmed evaluators, consensus, rule and hash, cost inputs, rewards.", TaskAsync));
        command.Subcommands.Add(Lookup("node", "Show one node's payouts per role: count, total, mean, variance and its reward history.", NodeAsync));
        command.Subcommands.Add(Lookup("evaluator", "Show one evaluator's trust trajectory, deviation statistics and dead letters.", EvaluatorAsync));
        command.Subcommands.Add(AuditVerifyCommand.Create());
        command.Subcommands.Add(AuditDigestCommand.Create());
        return command;
    }

    private delegate Task<int> LookupBody(Marten.IQuerySession session, string connection, string id, LookupOptions options, CancellationToken cancellationToken);

    private sealed record LookupOptions(bool Json, int History, int Recent);

    private static Command Lookup(string kind, string description, LookupBody body)
    {
        var id = new Argument<string>("id") { Description = $"The {kind} id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var store = new AuditStoreOptions();
        var command = new Command(kind, description) { id, json };
        store.AddTo(command);
        var history = new Option<int>("--history") { Description = $"Reward history entries per role, most recent (1–{AuditLimits.MaxHistory}).", DefaultValueFactory = _ => AuditLimits.DefaultHistory };
        var recent = new Option<int>("--recent") { Description = $"Most recent dead letters to list (1–{AuditLimits.MaxRecent}).", DefaultValueFactory = _ => AuditLimits.DefaultRecent };
        if (kind == "node")
        {
            command.Options.Add(history);
        }

        if (kind == "evaluator")
        {
            command.Options.Add(recent);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string value = parse.GetValue(id)!;
            var options = new LookupOptions(
                parse.GetValue(json),
                kind == "node" ? parse.GetValue(history) : AuditLimits.DefaultHistory,
                kind == "evaluator" ? parse.GetValue(recent) : AuditLimits.DefaultRecent);
            string? problem = AuditLimits.IdProblem(kind, value)
                ?? AuditLimits.CountProblem("--history", options.History, AuditLimits.MaxHistory)
                ?? AuditLimits.CountProblem("--recent", options.Recent, AuditLimits.MaxRecent);
            if (problem is not null)
            {
                return CliErrors.Fail(problem);
            }

            return await store.RunAsync(parse, (session, connection) => body(session, connection, value, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> TaskAsync(Marten.IQuerySession session, string connection, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var audit = await TaskAuditQuery.LoadAsync(session, connection, id, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown task '{id}': no such task in the recorded history");
        }

        Print(options.Json, audit, AuditRendering.Task);
        return 0;
    }

    private static async Task<int> NodeAsync(Marten.IQuerySession session, string connection, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var audit = await NodeAuditQuery.LoadAsync(connection, id, options.History, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown node '{id}': it never inferred a task nor was paid as an evaluator");
        }

        Print(options.Json, audit, AuditRendering.Node);
        return 0;
    }

    private static async Task<int> EvaluatorAsync(Marten.IQuerySession session, string connection, string id, LookupOptions options, CancellationToken cancellationToken)
    {
        var audit = await EvaluatorAuditQuery.LoadAsync(session, connection, id, options.Recent, Projections.Payouts.NodeHistoryQuery.DefaultPoints, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return CliErrors.Fail($"unknown evaluator '{id}': never sampled for a task and named by no dead letter");
        }

        Print(options.Json, audit, AuditRendering.Evaluator);
        return 0;
    }

    private static void Print<T>(bool json, T audit, Action<T> render)
    {
        if (json)
        {
            Console.WriteLine(AuditJson.Serialize(audit));
        }
        else
        {
            render(audit);
        }
    }
}
