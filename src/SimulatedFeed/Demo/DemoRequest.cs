using PoQ.Consensus.Rules;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed.Demo;

/// <summary>What <c>poq demo</c> runs.</summary>
/// <param name="Network">The simulated network.</param>
/// <param name="Rule">The consensus rule.</param>
/// <param name="TrustEpoch">Trust epoch in log time (zero: the paper's sequential update).</param>
/// <param name="DrainTimeout">How long to wait for the pipeline to settle every task and dead-letter every fault.</param>
public sealed record DemoRequest(NetworkScenarioOptions Network, ConsensusRule Rule, TimeSpan TrustEpoch, TimeSpan DrainTimeout)
{
    /// <summary>Default drain timeout (<c>poq demo --timeout</c>): 100 s.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(100);
}
