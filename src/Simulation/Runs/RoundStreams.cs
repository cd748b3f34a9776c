using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Runs;

/// <summary>
/// The random streams of a simulation run, one set per round, keyed by the master seed and the round number only.
/// Common random numbers: ρ, k, the rule, the attack and the trust epoch never enter a key, so two runs that differ in
/// them draw the same items, samples, honest jitter and latencies, and differ only by what they change — the malicious
/// set and the malicious reports. A stream per round (not one per run) keeps a round's draws independent of how many
/// draws earlier rounds made, which k and the attack change.
/// </summary>
internal readonly struct RoundStreams
{
    private readonly ulong items;
    private readonly ulong sampling;
    private readonly ulong reports;
    private readonly ulong attacks;

    public RoundStreams(ulong seed)
    {
        items = SplitMix64.Derive(seed, "items");
        sampling = SplitMix64.Derive(seed, "sampling");
        reports = SplitMix64.Derive(seed, "reports");
        attacks = SplitMix64.Derive(seed, "attacks");
    }

    /// <summary>The task's item and the inference node's latency.</summary>
    public DeterministicRandom Items(int round) => Stream(items, round);

    /// <summary>Which evaluators score the task (a prefix-stable sample, see <see cref="Pool.PrefixSampler"/>).</summary>
    public DeterministicRandom Sampling(int round) => Stream(sampling, round);

    /// <summary>
    /// Per sampled evaluator, in sample order, exactly two Gaussians: honest jitter, then latency jitter. Drawn for
    /// every evaluator, malicious or not, so evaluator i's draws sit at the same place whatever ρ, the attack and k are.
    /// </summary>
    public DeterministicRandom Reports(int round) => Stream(reports, round);

    /// <summary>The attacks' own randomness (noise, the intermittent coin); only malicious reports draw from it.</summary>
    public DeterministicRandom Attacks(int round) => Stream(attacks, round);

    private static DeterministicRandom Stream(ulong parent, int round) => new(SplitMix64.Derive(parent, (ulong)round));
}
