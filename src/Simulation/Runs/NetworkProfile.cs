using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Runs;

/// <summary>
/// Seeded latency profile of the simulated network (ours: the papers give no distribution). Each node has a
/// base latency; each task multiplies it by a log-normal factor. Copying evaluators skip the evaluation and
/// answer in a fixed few milliseconds — which is exactly why copying pays under cost-aware rewards.
/// </summary>
internal sealed class NetworkProfile
{
    private const double CopyLatencyMs = 5;
    private readonly double[] inferenceBase;
    private readonly double[] evaluatorBase;

    public NetworkProfile(int systems, int evaluators, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        inferenceBase = new double[systems];
        evaluatorBase = new double[evaluators];
        for (int i = 0; i < systems; i++)
        {
            inferenceBase[i] = 200 + (random.NextDouble() * 2_800);
        }

        for (int i = 0; i < evaluators; i++)
        {
            evaluatorBase[i] = 20 + (random.NextDouble() * 580);
        }
    }

    public double InferenceLatency(int system, ref DeterministicRandom random) => inferenceBase[system] * Jitter(ref random);

    public double EvaluatorLatency(int evaluator, bool copies, ref DeterministicRandom random)
    {
        // Drawn for copiers too: every evaluator takes the same draws, so the stream stays aligned across attacks and ρ.
        double jitter = Jitter(ref random);
        return copies ? CopyLatencyMs : evaluatorBase[evaluator] * jitter;
    }

    private static double Jitter(ref DeterministicRandom random) => Math.Exp(0.25 * random.NextGaussian());
}
