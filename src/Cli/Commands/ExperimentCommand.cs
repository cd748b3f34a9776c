using System.CommandLine;
using PoQ.Experiments;

namespace PoQ.Cli.Commands;

/// <summary><c>poq experiment reliability | robustness | sampling | detection | escalation | all</c>: parses options and hands over to PoQ.Experiments.</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var command = new Command("experiment", "Run the paper's experiments (and ours) and write CSVs, PNG plots and report.md.");
        command.Add(Sub("reliability", "Evaluator × task alignment with the ground-truth proxy (finding 1).", ExperimentSelection.Reliability));
        command.Add(Sub("robustness", "Rule × attack × ρ × k sweep of consensus alignment and rewards (finding 2).", ExperimentSelection.Robustness));
        command.Add(Sub("sampling", "k against evaluator and inference rewards in both reward modes (finding 3).", ExperimentSelection.Sampling));
        command.Add(Sub("detection", "Collusion and copy detection on the simulator: precision, recall, false flags, attacker payout with and without down-weighting (issue 10).", ExperimentSelection.Detection));
        command.Add(Sub("escalation", "Disagreement escalation on the simulator at ρ = 0.3: MAE and attacker payout without and with it, and the extra scores it costs (issue 10).", ExperimentSelection.Escalation));
        command.Add(Sub("all", "All five experiments and one report.", ExperimentSelection.All));
        return command;
    }

    private static Command Sub(string name, string description, ExperimentSelection selection)
    {
        var options = new ExperimentCliOptions();
        var command = new Command(name, description);
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExperimentExecution.RunAsync(options, parseResult, selection, cancellationToken));
        return command;
    }
}
