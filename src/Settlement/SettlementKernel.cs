using PoQ.Consensus;
using PoQ.Consensus.Trust;
using PoQ.Rewards;

namespace PoQ.Settlement;

/// <summary>
/// The settlement computation over spans: quorum, consensus with the rule (<see cref="ConsensusEngine"/>), trust
/// signals and cost-aware rewards (<see cref="RewardCalculator"/>). Allocation free, so the experiments can settle
/// millions of tasks; <see cref="SettlementDecider"/> wraps it for recorded facts. Every driver — pipeline, replay, audit
/// verify and the experiments — settles through here.
/// </summary>
public static class SettlementKernel
{
    /// <summary>
    /// Settles one task. Returns false (insufficient: no consensus, no rewards, outputs untouched) when fewer than the
    /// quorum scored; otherwise fills every output span (one slot per score) and returns true.
    /// </summary>
    /// <param name="mechanism">Rule, rewards, quorum.</param>
    /// <param name="scores">Accepted scores, one per distinct evaluator.</param>
    /// <param name="latenciesMs">Each evaluator's latency.</param>
    /// <param name="inferenceLatencyMs">The inference node's latency.</param>
    /// <param name="trustBefore">The trust in force for each evaluator.</param>
    /// <param name="outputs">Receives weights, exclusions, deviations, trust signals, trust after one step and rewards.</param>
    /// <param name="consensus">The consensus (NaN when insufficient).</param>
    /// <param name="inferenceReward">The inference node's reward (0 when insufficient).</param>
    public static bool Settle(
        Mechanism mechanism,
        ReadOnlySpan<double> scores,
        ReadOnlySpan<double> latenciesMs,
        double inferenceLatencyMs,
        ReadOnlySpan<TrustEntry> trustBefore,
        in KernelOutputs outputs,
        out double consensus,
        out double inferenceReward)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        int k = scores.Length;
        if (k == 0 || k < mechanism.Quorum)
        {
            consensus = double.NaN;
            inferenceReward = 0;
            return false;
        }

        consensus = ConsensusEngine.Evaluate(
            mechanism.Rule, scores, trustBefore, outputs.Weights, outputs.Deviations, outputs.Excluded, outputs.TrustSignals, outputs.TrustAfter);
        inferenceReward = RewardCalculator.Allocate(mechanism.Rewards, consensus, inferenceLatencyMs, outputs.Deviations, latenciesMs, outputs.Rewards);
        return true;
    }
}
