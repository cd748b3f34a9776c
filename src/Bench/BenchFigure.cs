namespace PoQ.Bench;

/// <summary>One measured figure and its ratio to the baseline measured in the same process.</summary>
/// <param name="Name">What was measured, e.g. a rule name.</param>
/// <param name="NanosecondsPerOperation">Median over repetitions.</param>
/// <param name="OperationsPerSecond">1e9 / ns per operation.</param>
/// <param name="RatioToBaseline">ns per operation ÷ the baseline's (1 = as cheap as the baseline).</param>
public sealed record BenchFigure(string Name, double NanosecondsPerOperation, double OperationsPerSecond, double RatioToBaseline);
