using System.Globalization;
using PoQ.Projections.Model;
using PoQ.Projections.Queries;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>Terminal tables for <c>poq audit</c>: six decimals for reading, <c>--json</c> for the exact values.</summary>
internal static class AuditRendering
{
    private const int TerminalRows = 20;

    public static void Task(TaskAudit audit)
    {
        var facts = KeyValues($"task {audit.TaskId}");
        facts.AddRow("trust epoch / partition", E($"{I(audit.Epoch)} / {I(audit.Partition)}"));
        facts.AddRow("type / inference node", E($"{audit.TaskType} / {audit.Inference.NodeId}"));
        facts.AddRow("task time / closed (log time)", E($"{audit.TaskTime:O} / {audit.ClosedAt:O}"));
        facts.AddRow("closed because / by", E($"{audit.CloseReason} / {audit.ClosedBy}"));
        facts.AddRow("sampled evaluators", E(string.Join(", ", audit.SampledEvaluators)));
        facts.AddRow("missing scores", E(audit.MissingEvaluators.Count == 0 ? "none" : string.Join(", ", audit.MissingEvaluators)));
        if (audit.Escalation is { } escalation)
        {
            facts.AddRow("escalated (payout held)", E($"MAD {N(escalation.Dispersion)} > {N(escalation.Threshold)} over the first {I(escalation.ScoresAtRequest)} scores at {escalation.RequestedAt:O}"));
            facts.AddRow("asked too / until", E($"{string.Join(", ", escalation.Evaluators)} / {escalation.Deadline:O}"));
        }

        facts.AddRow("status", E(audit.Status));
        facts.AddRow("rule (params hash)", E($"{audit.Rule} ({audit.ParamsHash}) {Pairs(audit.RuleParameters)}"));
        facts.AddRow("quorum / trust epoch", E($"{(audit.Quorum is { } q ? I(q) : "unknown")} / {(audit.TrustEpochMs is { } ms ? (ms == 0 ? "sequential" : $"{I(ms)} ms") : "unknown")}"));
        facts.AddRow("mechanism hash", E(audit.MechanismHash));
        facts.AddRow("consensus c", N(audit.Consensus));
        facts.AddRow("trimmed / excluded", E(audit.Trimmed.Count == 0 ? "none" : string.Join(", ", audit.Trimmed)));
        facts.AddRow("reward params (hash)", E($"{audit.RewardParamsHash} {Pairs(audit.RewardParameters)}"));
        facts.AddRow("inference latency → ĉ_F", E($"{N(audit.Inference.LatencyMs)} ms → {N(audit.Inference.NormalizedCost)}"));
        facts.AddRow("inference reward R_F", E(audit.Inference.Formula ?? N(audit.Inference.Reward)));
        facts.AddRow("total paid", N(audit.TotalPaid));
        AnsiConsole.Write(facts);

        var table = new Table().Title("evaluators (ordinal id order; trust: in force → after this verdict's step)")
            .AddColumn("evaluator").AddColumn(Right("score")).AddColumn(Right("ms")).AddColumn(Right("ĉ_M")).AddColumn(Right("w"))
            .AddColumn("excl").AddColumn(Right("d")).AddColumn(Right("trust (obs) → after")).AddColumn(Right("R_M"));
        foreach (var e in audit.Evaluators)
        {
            table.AddRow(E(e.EvaluatorId), N(e.Score), N(e.LatencyMs), N(e.NormalizedCost), N(e.Weight), e.Excluded ? "yes" : "",
                N(e.Deviation), E($"{N(e.TrustBefore)} ({e.ObservationsBefore?.ToString(CultureInfo.InvariantCulture) ?? "–"}) → {N(e.TrustAfter)}"), N(e.Reward));
        }

        AnsiConsole.Write(table);
        foreach (var e in audit.Evaluators.Where(e => e.Formula is not null))
        {
            AnsiConsole.MarkupLine($"  {E(e.EvaluatorId)}: {E(e.Formula!)}");
        }

        if (audit.MechanismNote is not null)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {E(audit.MechanismNote)}");
        }
    }

    public static void Node(NodeAudit audit)
    {
        foreach (var role in new[] { audit.Inference, audit.Evaluator }.OfType<NodeRoleAudit>())
        {
            var totals = KeyValues($"node {audit.NodeId} as {role.Role}");
            totals.AddRow("rewards (count)", I(role.Count));
            totals.AddRow("total", N(role.Total));
            totals.AddRow("mean", N(role.Mean));
            totals.AddRow("variance", N(role.Variance));
            totals.AddRow("last paid (log time)", E(role.LastPaidAt.ToString("O", CultureInfo.InvariantCulture)));
            totals.AddRow("rewards in the payout history", I(role.HistoryCount));
            AnsiConsole.Write(totals);
            var history = new Table().Title($"latest {Math.Min(TerminalRows, role.History.Count)} rewards, newest first").AddColumn(Right("epoch")).AddColumn("closed").AddColumn("task").AddColumn(Right("amount"));
            foreach (var entry in role.History.Take(TerminalRows))
            {
                history.AddRow(I(entry.Epoch), E(entry.ClosedAt.ToString("O", CultureInfo.InvariantCulture)), E(entry.TaskId), N(entry.Amount));
            }

            AnsiConsole.Write(history);
            if (role.NextCursor is { } next)
            {
                AnsiConsole.MarkupLine($"[grey]older: poq audit node {E(audit.NodeId)} --role {role.Role} --cursor {next}[/]");
            }
        }
    }

    public static void NodeHistory(NodeHistoryPage page, string? role)
    {
        var table = new Table().Title($"node {E(page.NodeId)}: {page.Items.Count} rewards, newest first")
            .AddColumn("role").AddColumn(Right("epoch")).AddColumn("closed").AddColumn("task").AddColumn(Right("amount")).AddColumn(Right("trust after"));
        foreach (var p in page.Items)
        {
            table.AddRow(p.Role, I(p.Epoch), E(p.ClosedAt.ToString("O", CultureInfo.InvariantCulture)), E(p.TaskId), N(p.Reward), N(p.TrustAfter));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(page.NextCursor is { } next
            ? $"[grey]older: poq audit node {E(page.NodeId)}{(role is null ? "" : " --role " + role)} --cursor {next}[/]"
            : "[grey]no older rewards[/]");
    }

    public static void Scenario(ScenarioNodePage comparison)
    {
        var table = new Table().Title($"scenario {E(comparison.Scenario.Name)} ({E(comparison.Scenario.Rule)}) vs recorded ({E(comparison.RecordedRule)})")
            .AddColumn("role").AddColumn("node").AddColumn(Right("recorded")).AddColumn(Right("scenario")).AddColumn(Right("delta"));
        foreach (var n in comparison.Nodes)
        {
            table.AddRow(n.Role, E(n.NodeId), N(n.Recorded), N(n.Scenario), N(n.Scenario - n.Recorded));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(comparison.NextCursor is { } next
            ? $"[grey]more: poq audit scenario {E(comparison.Scenario.Name)} --cursor {next}[/]"
            : "[grey]no more nodes[/]");
    }

    public static void Evaluator(EvaluatorAudit audit)
    {
        var summary = KeyValues($"evaluator {audit.EvaluatorId}");
        summary.AddRow("tasks sampled / scored / settled", E($"{I(audit.TasksSampled)} / {I(audit.TasksScored)} / {I(audit.TasksSettled)}"));
        summary.AddRow("current trust", N(audit.CurrentTrust));
        summary.AddRow("rewards total", N(audit.RewardTotal));
        var d = audit.Deviation;
        summary.AddRow("deviation d: mean (variance)", E($"{N(d.Mean)} ({N(d.Variance)})"));
        summary.AddRow("deviation d: min / max", E($"{N(d.Min)} / {N(d.Max)}"));
        summary.AddRow("times excluded", I(d.Excluded));
        AnsiConsole.Write(summary);

        var trajectory = new Table().Title($"trust trajectory (last {Math.Min(TerminalRows, audit.Trajectory.Count)} of {audit.Trajectory.Count})")
            .AddColumn(Right("epoch")).AddColumn("task").AddColumn(Right("in force")).AddColumn(Right("after step"));
        foreach (var point in audit.Trajectory.Skip(Math.Max(0, audit.Trajectory.Count - TerminalRows)))
        {
            trajectory.AddRow(I(point.Epoch), E(point.TaskId), N(point.Before), N(point.After));
        }

        AnsiConsole.Write(trajectory);
        var reasons = new Table().Title("dead letters by reason").AddColumn("reason").AddColumn(Right("count"));
        foreach (var (reason, count) in audit.DeadLettersByReason)
        {
            reasons.AddRow(E(reason), I(count));
        }

        AnsiConsole.Write(reasons);
        var recent = new Table().Title("recent dead letters").AddColumn("recorded at").AddColumn("reason").AddColumn("task").AddColumn("error");
        foreach (var letter in audit.RecentDeadLetters)
        {
            recent.AddRow(E(letter.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), E(letter.Reason), E(letter.TaskId ?? "—"), E(letter.Error));
        }

        AnsiConsole.Write(recent);
        FlagRendering.Flags(
            audit.DetectionRun is { } run ? $"detection flags (run {run})" : "detection flags (detection never ran: poq audit detect)",
            audit.Flags);
        var keys = new Table().Title(audit.Keys.Count == 0 ? "registry keys (never registered: its scores were unsigned or refused)" : "registry keys").AddColumn("action").AddColumn("key").AddColumn("from (log time)").AddColumn("record");
        foreach (var key in audit.Keys)
        {
            keys.AddRow(E(key.Action), E(key.Fingerprint), E(key.EffectiveAt.ToString("O", CultureInfo.InvariantCulture)), E(key.Source));
        }

        AnsiConsole.Write(keys);
    }

    private static Table KeyValues(string title) => new Table().Title(E(title)).AddColumn("").AddColumn("").HideHeaders();

    private static TableColumn Right(string name) => new TableColumn(name).RightAligned();

    private static string Pairs(IReadOnlyDictionary<string, string> pairs) =>
        pairs.Count == 0 ? "" : string.Join(" ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string N(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "–";

    private static string I(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => Markup.Escape(text);
}
