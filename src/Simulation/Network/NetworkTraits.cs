using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Network;

/// <summary>
/// The fixed traits of a simulated network, drawn once per seed: each evaluator's noise (σ of its honest error) and
/// typical latency, each inference node's typical latency and whether it belongs to the collusion cartel. One function
/// draws them (<see cref="Draw"/>, from the head of the scenario's stream) for the scenario's generator and for the
/// escalation answers (<see cref="EscalationAnswers"/>), so an evaluator asked again answers with the temperament it
/// scored with.
/// </summary>
public sealed class NetworkTraits
{
    private readonly double[] noise;
    private readonly double[] evaluatorLatency;
    private readonly double[] inferenceLatency;
    private readonly bool[] cartel;

    private NetworkTraits(double[] noise, double[] evaluatorLatency, double[] inferenceLatency, bool[] cartel)
    {
        this.noise = noise;
        this.evaluatorLatency = evaluatorLatency;
        this.inferenceLatency = inferenceLatency;
        this.cartel = cartel;
    }

    /// <summary>The traits of <paramref name="options"/>' network (validated options; see <see cref="NetworkScenarioOptions.Problems"/>).</summary>
    public static NetworkTraits Of(NetworkScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = Stream(options);
        return Draw(options, ref random);
    }

    /// <summary>
    /// The scenario's main random stream. The traits are its first draws and the tasks continue it, so the traits cannot
    /// move to a stream of their own without changing every seeded scenario (and the digests recorded from them).
    /// </summary>
    internal static DeterministicRandom Stream(NetworkScenarioOptions options) => new(SplitMix64.Derive(options.Seed, "network-tasks"));

    /// <summary>
    /// Draws the traits from the head of <paramref name="random"/> — per evaluator its noise then its latency, then every
    /// node's latency, then every node's cartel coin — leaving the stream where the generator's tasks begin.
    /// </summary>
    internal static NetworkTraits Draw(NetworkScenarioOptions options, ref DeterministicRandom random)
    {
        var noise = new double[options.Evaluators];
        var evaluatorLatency = new double[options.Evaluators];
        for (int e = 0; e < options.Evaluators; e++)
        {
            noise[e] = options.HonestNoise * (0.5 + random.NextDouble());
            evaluatorLatency[e] = 20 + (random.NextDouble() * 400);
        }

        var inferenceLatency = new double[options.InferenceNodes];
        for (int node = 0; node < options.InferenceNodes; node++)
        {
            inferenceLatency[node] = 200 + (random.NextDouble() * 2_000);
        }

        var cartel = new bool[options.InferenceNodes];
        for (int node = 0; node < options.InferenceNodes; node++)
        {
            cartel[node] = random.NextDouble() < options.AttackParameters.CartelFraction;
        }

        return new NetworkTraits(noise, evaluatorLatency, inferenceLatency, cartel);
    }

    /// <summary>Evaluators in the pool.</summary>
    public int Evaluators => noise.Length;

    /// <summary>Inference nodes.</summary>
    public int InferenceNodes => cartel.Length;

    /// <summary>Standard deviation of evaluator <paramref name="evaluator"/>'s honest error: 0.5–1.5× the options' honest noise.</summary>
    public double Noise(int evaluator) => noise[evaluator];

    /// <summary>Typical latency of evaluator <paramref name="evaluator"/>, ms (20–420; each score varies it log-normally).</summary>
    public double EvaluatorLatency(int evaluator) => evaluatorLatency[evaluator];

    /// <summary>Typical latency of inference node <paramref name="node"/>, ms (200–2,200).</summary>
    public double InferenceLatency(int node) => inferenceLatency[node];

    /// <summary>Whether inference node <paramref name="node"/> belongs to the collusion cartel.</summary>
    public bool InCartel(int node) => cartel[node];

    /// <summary>
    /// What evaluator <paramref name="evaluator"/> honestly scores a task of truth <paramref name="truth"/>:
    /// clamp(truth + σₑ·N(0, 1), 0, 10), one Gaussian draw from <paramref name="random"/>.
    /// </summary>
    public double HonestScore(int evaluator, double truth, ref DeterministicRandom random) =>
        Math.Clamp(truth + (noise[evaluator] * random.NextGaussian()), 0, 10);

    /// <summary>
    /// One score's latency by evaluator <paramref name="evaluator"/>: its typical latency × exp(0.2·N(0, 1)) (log-normal
    /// jitter, so never negative), rounded to 0.1 ms; one Gaussian draw from <paramref name="random"/>.
    /// </summary>
    public double ScoreLatency(int evaluator, ref DeterministicRandom random) =>
        Math.Round(evaluatorLatency[evaluator] * Math.Exp(0.2 * random.NextGaussian()), 1);
}
