using System.CommandLine;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Cli.Services;

/// <summary>The simulated network's options, shared by <c>simulate</c>, <c>demo</c> and <c>bench ingest</c>.</summary>
internal sealed class ScenarioCliOptions
{
    private readonly Option<int> tasks = new("--tasks") { Description = "Tasks to publish.", DefaultValueFactory = _ => 10_000 };
    private readonly Option<ulong> seed = new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
    private readonly Option<int> evaluators = new("--evaluators") { Description = "Evaluator pool size N.", DefaultValueFactory = _ => 50 };
    private readonly Option<int> inferenceNodes = new("--inference-nodes") { Description = "Inference nodes.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> k = new("--k") { Description = "Evaluators sampled per task.", DefaultValueFactory = _ => 5 };
    private readonly Option<double> rho = new("--malicious-ratio") { Description = "Malicious fraction ρ of the evaluators.", DefaultValueFactory = _ => 0.2 };
    private readonly Option<string> attack = new("--attack") { Description = "noise, boost, sabotage, intermittent, collusion, copy or none.", DefaultValueFactory = _ => "boost" };
    private readonly Option<double> bad = new("--bad-ratio") { Description = "Fraction of extra bad messages (dead-letter test traffic).", DefaultValueFactory = _ => 0.01 };
    private readonly Option<string?> runId = new("--run-id") { Description = "Task id prefix (default: sim-SEED)." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { tasks, seed, evaluators, inferenceNodes, k, rho, attack, bad, runId })
        {
            command.Options.Add(option);
        }
    }

    public (NetworkScenarioOptions? Options, string? Error) Resolve(ParseResult parse, int? tasksOverride = null)
    {
        AttackKind kind;
        try
        {
            kind = AttackNames.Parse(parse.GetValue(attack)!);
        }
        catch (ArgumentException error)
        {
            return (null, "--attack: " + error.Message.Split(" (Parameter")[0]);
        }

        ulong seedValue = parse.GetValue(seed);
        var options = new NetworkScenarioOptions
        {
            Tasks = tasksOverride ?? parse.GetValue(tasks),
            Seed = seedValue,
            Evaluators = parse.GetValue(evaluators),
            InferenceNodes = parse.GetValue(inferenceNodes),
            K = parse.GetValue(k),
            MaliciousRatio = parse.GetValue(rho),
            Attack = kind,
            BadMessageRatio = parse.GetValue(bad),
            RunId = parse.GetValue(runId) ?? FormattableString.Invariant($"sim-{seedValue}"),
        };
        var problems = options.Problems();
        return problems.Count == 0 ? (options, null) : (null, string.Join("; ", problems));
    }
}
