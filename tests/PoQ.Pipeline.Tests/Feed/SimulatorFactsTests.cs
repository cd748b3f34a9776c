using PoQ.SimulatedFeed.Demo;
using PoQ.Simulation.Network;

namespace PoQ.Pipeline.Tests.Feed;

public sealed class SimulatorFactsTests
{
    private static readonly NetworkScenarioOptions Network = new() { Tasks = 300, BadMessageRatio = 0.3, Seed = 11 };

    [Fact]
    public void Of_Network_KnowsEveryTasksTruthAndEveryInjectedFault()
    {
        var messages = NetworkScenario.Generate(Network).ToList();
        var facts = SimulatorFacts.Of(Network);

        Assert.Equal(messages.OfType<SimulatedTask>().ToDictionary(t => t.TaskId, t => t.HiddenTruth), facts.HiddenTruth);
        Assert.Equal(messages.OfType<FaultyMessage>().Count(), facts.Faults);
        Assert.All(facts.InjectedDeadLetters, pair => Assert.Equal(messages.OfType<FaultyMessage>().Count(f => f.ExpectedReason == pair.Key), pair.Value));
    }

    [Fact]
    public void Of_Network_NamesThePoolsMaliciousEvaluators()
    {
        var pool = NetworkScenario.Pool(Network);
        var facts = SimulatorFacts.Of(Network);
        Assert.Equal(pool.MaliciousCount, facts.MaliciousEvaluators.Count);
    }

    [Fact]
    public void Manifest_CarriesTheFactsInOrder()
    {
        var facts = SimulatorFacts.Of(Network);
        var manifest = facts.Manifest(Network);
        Assert.Equal(facts.MaliciousEvaluators.Order(StringComparer.Ordinal), manifest.MaliciousEvaluators);
        Assert.Equal(facts.HiddenTruth.Count, manifest.HiddenTruth.Count);
        Assert.Equal("boost", manifest.Attack);
    }
}
