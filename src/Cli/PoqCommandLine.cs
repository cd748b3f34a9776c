using System.CommandLine;
using PoQ.Cli.Commands;

namespace PoQ.Cli;

/// <summary>The composition root of the `poq` executable: wires commands, holds no domain logic.</summary>
internal static class PoqCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("PoQ — robust, cost-aware Proof of Quality for decentralized LLM inference networks.");
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(ChaosCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(ProjectionsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(EvaluatorCommand.Create());
        return root;
    }
}
