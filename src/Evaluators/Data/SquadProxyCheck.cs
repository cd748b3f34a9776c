using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Data;

/// <summary>
/// Does our ground-truth proxy for QA measure what SQuAD measures? Token F1 of the five systems over the full dev set
/// (all 10,570 questions, not the experiments' sample), beside the published leaderboard figures: a reviewer can see
/// the proxy reproduce them before trusting alignment numbers built on it.
/// </summary>
public static class SquadProxyCheck
{
    /// <summary>The SQuAD 1.1 leaderboard F1 of <see cref="SquadLoader.Systems"/>, in that order.</summary>
    public static IReadOnlyList<double> PublishedF1 { get; } = [92.2, 88.5, 88.4, 76.8, 51.0];

    /// <summary>F1 per system over <paramref name="examples"/> (the whole set is the denominator for each system).</summary>
    public static IReadOnlyList<SquadSystemF1> Compute(IEnumerable<SquadExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var systems = SquadLoader.Systems;
        var sums = new double[systems.Count];
        var answered = new int[systems.Count];
        int questions = 0;
        foreach (var example in examples)
        {
            questions++;
            for (int s = 0; s < systems.Count; s++)
            {
                if (example.Predictions.TryGetValue(systems[s], out var answer))
                {
                    answered[s]++;
                    sums[s] += SquadMetrics.MaxF1(answer, example.Answers);
                }
            }
        }

        return [.. systems.Select((name, s) => new SquadSystemF1(name, questions == 0 ? double.NaN : 100 * sums[s] / questions, PublishedF1[s], answered[s], questions))];
    }

    /// <summary>The check over the dev set in <paramref name="dataDirectory"/>; null when the file is not there.</summary>
    public static IReadOnlyList<SquadSystemF1>? FromDirectory(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, SquadLoader.FileName);
        return File.Exists(path) ? Compute(SquadLoader.Read(path)) : null;
    }
}
