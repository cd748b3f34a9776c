using System.CommandLine;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;

namespace PoQ.Cli.Services;

/// <summary>The simulated network's options, shared by <c>simulate</c>, <c>demo</c> and <c>bench ingest</c>.</summary>
internal sealed class ScenarioCliOptions
{
    // The simulator's defaults, shown and used as the options' defaults (never repeated here).
    private static readonly NetworkScenarioOptions Defaults = new();

    private readonly Option<int> tasks = new("--tasks") { Description = "Tasks to publish.", DefaultValueFactory = _ => Defaults.Tasks };
    private readonly Option<ulong> seed = new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<int> evaluators = new("--evaluators") { Description = "Evaluator pool size N.", DefaultValueFactory = _ => Defaults.Evaluators };
    private readonly Option<int> inferenceNodes = new("--inference-nodes") { Description = "Inference nodes.", DefaultValueFactory = _ => Defaults.InferenceNodes };
    private readonly Option<int> k = new("--k") { Description = "Evaluators sampled per task.", DefaultValueFactory = _ => Defaults.K };
    private readonly Option<double> rho = new("--malicious-ratio") { Description = "Malicious fraction ρ of the evaluators.", DefaultValueFactory = _ => Defaults.MaliciousRatio };
    private readonly Option<string> attack = new("--attack") { Description = $"{string.Join(", ", Enum.GetValues<AttackKind>().Where(a => a != AttackKind.None).Select(AttackNames.Name))} or none.", DefaultValueFactory = _ => AttackNames.Name(Defaults.Attack) };
    private readonly Option<double> bad = new("--bad-ratio") { Description = "Fraction of extra bad messages (dead-letter test traffic).", DefaultValueFactory = _ => Defaults.BadMessageRatio };
    private readonly Option<string?> runId = new("--run-id") { Description = "Task id prefix (default: sim-SEED)." };
    private readonly Option<string> samplingSeed = new("--sampling-seed") { Description = "Public seed of the evaluator draw (hash-rank-v1); must be the pipeline's `poq run --sampling-seed`.", DefaultValueFactory = _ => Defaults.SamplingSeed };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { tasks, seed, evaluators, inferenceNodes, k, rho, attack, bad, runId, samplingSeed })
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

        if (string.IsNullOrEmpty(parse.GetValue(samplingSeed)))
        {
            return (null, "--sampling-seed: must not be empty (the public seed of the evaluator draw)");
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
            SamplingSeed = parse.GetValue(samplingSeed)!,
        };
        var problems = options.Problems();
        return problems.Count == 0 ? (options, null) : (null, string.Join("; ", problems));
    }
}
