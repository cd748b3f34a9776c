using PoQ.Simulation.Randomness;
using PoQ.Simulation.Scoring;

namespace PoQ.Simulation.Tests.Runs;

/// <summary>Small seeded score tables: every model reports the proxy plus Gaussian noise of its own size.</summary>
internal static class SyntheticTables
{
    public static ScoreTable Create(int items = 400, double[]? modelNoise = null, ulong seed = 1)
    {
        modelNoise ??= [0.3, 0.6];
        var random = new DeterministicRandom(seed);
        var list = new List<ScoredItem>();
        var scores = new double[items * modelNoise.Length];
        for (int i = 0; i < items; i++)
        {
            double proxy = 1 + (random.NextDouble() * 8);
            list.Add(new ScoredItem($"item-{i}", "qa", $"sys-{i % 4}", proxy));
            for (int m = 0; m < modelNoise.Length; m++)
            {
                scores[(i * modelNoise.Length) + m] = Math.Clamp(proxy + (modelNoise[m] * random.NextGaussian()), 0, 10);
            }
        }

        return new ScoreTable(modelNoise.Select((_, m) => $"model-{m}").ToArray(), list, scores);
    }
}
