using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.TestSupport;

/// <summary>Everything <see cref="ConsensusEngine.Evaluate"/> writes for one task (trust signals too), captured in arrays.</summary>
internal sealed record EngineRun(double Consensus, double[] Weights, double[] Deviations, bool[] Excluded, TrustEntry[] After, double[] Signals)
{
    /// <summary>Runs the engine; unseen evaluators (w₀ = 1, no history) when <paramref name="before"/> is null.</summary>
    public static EngineRun Of(ConsensusRule rule, double[] scores, TrustEntry[]? before = null)
    {
        before ??= scores.Select(_ => TrustEntry.Initial(1.0)).ToArray();
        int k = scores.Length;
        var weights = new double[k];
        var deviations = new double[k];
        var excluded = new bool[k];
        var after = new TrustEntry[k];
        var signals = new double[k];
        double consensus = ConsensusEngine.Evaluate(rule, scores, before, weights, deviations, excluded, signals, after);
        return new EngineRun(consensus, weights, deviations, excluded, after, signals);
    }
}
