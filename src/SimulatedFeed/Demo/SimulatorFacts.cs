using PoQ.Projections.Model;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Simulation.Pool;

namespace PoQ.SimulatedFeed.Demo;

/// <summary>What the simulator knows and the pipeline must not: hidden truths, the malicious evaluators, the faults it injects.</summary>
/// <param name="HiddenTruth">Task id → the quality the scores are noisy reports of.</param>
/// <param name="MaliciousEvaluators">Evaluators that attack.</param>
/// <param name="InjectedDeadLetters">Reason code → bad messages injected with that expected reason.</param>
public sealed record SimulatorFacts(IReadOnlyDictionary<string, double> HiddenTruth, IReadOnlySet<string> MaliciousEvaluators, IReadOnlyDictionary<string, long> InjectedDeadLetters)
{
    /// <summary>Faults injected in all.</summary>
    public long Faults => InjectedDeadLetters.Values.Sum();

    /// <summary>The facts of <paramref name="network"/> (it is generated once more, lazily: the messages are not kept).</summary>
    public static SimulatorFacts Of(NetworkScenarioOptions network)
    {
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        var injected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var message in NetworkScenario.Generate(network))
        {
            switch (message)
            {
                case SimulatedTask task:
                    truth[task.TaskId] = task.HiddenTruth;
                    break;
                case FaultyMessage fault:
                    injected[fault.ExpectedReason] = injected.GetValueOrDefault(fault.ExpectedReason) + 1;
                    break;
            }
        }

        var pool = NetworkScenario.Pool(network);
        var malicious = Enumerable.Range(0, pool.Size).Where(pool.IsMalicious).Select(EvaluatorPool.EvaluatorId).ToHashSet(StringComparer.Ordinal);
        return new SimulatorFacts(truth, malicious, injected);
    }

    /// <summary>The manifest replay reports read (malice and hidden-truth figures).</summary>
    public SimulationManifest Manifest(NetworkScenarioOptions network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new SimulationManifest
        {
            Attack = AttackNames.Name(network.Attack),
            MaliciousRatio = network.MaliciousRatio,
            Seed = network.Seed,
            HiddenTruth = new Dictionary<string, double>(HiddenTruth, StringComparer.Ordinal),
            MaliciousEvaluators = [.. MaliciousEvaluators.Order(StringComparer.Ordinal)],
        };
    }
}
