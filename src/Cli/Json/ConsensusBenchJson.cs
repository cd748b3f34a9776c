using System.Text.Json.Serialization;
using PoQ.Bench;

namespace PoQ.Cli.Json;

/// <summary><c>poq bench consensus --json</c>.</summary>
internal sealed record ConsensusBenchJson(
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("repetitions")] int Repetitions,
    [property: JsonPropertyName("figures")] IReadOnlyList<BenchFigureJson> Figures)
{
    public static ConsensusBenchJson Of(int tasks, int k, int repetitions, IEnumerable<BenchFigure> figures) =>
        new(tasks, k, repetitions, [.. figures.Select(f => new BenchFigureJson(f.Name, f.NanosecondsPerOperation, f.OperationsPerSecond, f.RatioToBaseline))]);
}
