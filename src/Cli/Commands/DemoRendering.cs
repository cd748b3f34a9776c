using System.Globalization;
using PoQ.Cli.Services;
using PoQ.Pipeline.Demo;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using Spectre.Console;

namespace PoQ.Cli.Commands;

/// <summary>The demo's closing tables.</summary>
internal static class DemoRendering
{
    public static void Render(DemoScorecard card, NetworkScenarioOptions network, string rule, string trustEpoch, long published, TimeSpan elapsed)
    {
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "\n[bold]PoQ demo[/] — {0:N0} tasks, {1} evaluators (ρ = {2:0.##} {3}), k = {4}, rule [bold]{5}[/], trust epoch {6}; {7:N0} messages in {8:F1} s",
            network.Tasks, network.Evaluators, network.MaliciousRatio, AttackNames.Name(network.Attack), network.K, rule, trustEpoch, published, elapsed.TotalSeconds);

        var accuracy = new Table().Title("consensus vs the simulator's hidden truth").AddColumn("").AddColumn(new TableColumn("MAE").RightAligned());
        accuracy.AddRow($"{rule} (recorded consensus)", F(card.ConsensusMae, "F3"));
        accuracy.AddRow("plain mean of the same scores", F(card.NaiveMeanMae, "F3"));
        accuracy.Caption(string.Create(CultureInfo.InvariantCulture, $"{card.TasksCompared:N0} tasks compared"));
        AnsiConsole.Write(accuracy);

        var inference = new Table().Title("rewards by inference node").AddColumn("node").AddColumn(new TableColumn("tasks").RightAligned())
            .AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("std").RightAligned());
        foreach (var node in card.InferenceNodes)
        {
            inference.AddRow(node.NodeId, F(node.Count, "N0"), F(node.Total, "F2"), F(node.Mean, "F4"), F(Math.Sqrt(node.Variance), "F4"));
        }

        AnsiConsole.Write(inference);

        var evaluators = new Table().Title("rewards by evaluator group").AddColumn("group").AddColumn(new TableColumn("nodes").RightAligned())
            .AddColumn(new TableColumn("rewards").RightAligned()).AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("mean per task").RightAligned());
        evaluators.AddRow("honest", F(card.HonestEvaluators.Nodes, "N0"), F(card.HonestEvaluators.Rewards, "N0"), F(card.HonestEvaluators.Total, "F2"), F(card.HonestEvaluators.MeanReward, "F4"));
        evaluators.AddRow("[red]malicious[/]", F(card.MaliciousEvaluators.Nodes, "N0"), F(card.MaliciousEvaluators.Rewards, "N0"), F(card.MaliciousEvaluators.Total, "F2"), F(card.MaliciousEvaluators.MeanReward, "F4"));
        AnsiConsole.Write(evaluators);

        var letters = new Table().Title("dead letters by reason").AddColumn("reason").AddColumn(new TableColumn("recorded").RightAligned()).AddColumn(new TableColumn("injected").RightAligned());
        foreach (string reason in card.DeadLetters.Keys.Union(card.ExpectedDeadLetters.Keys).Order(StringComparer.Ordinal))
        {
            letters.AddRow(reason, F(card.DeadLetters.GetValueOrDefault(reason), "N0"), F(card.ExpectedDeadLetters.GetValueOrDefault(reason), "N0"));
        }

        AnsiConsole.Write(letters);

        // The fingerprint of every settlement: the same seed gives the same log, and the same log the same digest.
        var digest = new Table().Title($"settlement digest (poq audit digest --database {PoqHome.DemoDatabase})").AddColumn("").AddColumn("").HideHeaders();
        digest.AddRow("tasks", F(card.Digest.Tasks, "N0"));
        digest.AddRow("payout_total", card.Digest.PayoutTotal.ToString("R", CultureInfo.InvariantCulture));
        digest.AddRow("digest", card.Digest.Digest);
        AnsiConsole.Write(digest);
        Console.WriteLine($"digest: {card.Digest.Digest}");
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
