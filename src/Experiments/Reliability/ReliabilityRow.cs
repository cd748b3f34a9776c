using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Reliability;

/// <summary>
/// One row of <c>reliability.csv</c>: either an evaluator × task alignment row (<see cref="RowType"/> = <c>evaluator</c>)
/// or a per-system mean-proxy row (<c>system</c>), where the evaluator fields are empty.
/// </summary>
public sealed record ReliabilityRow
{
    /// <summary><c>evaluator</c> or <c>system</c>.</summary>
    public required string RowType { get; init; }

    /// <summary>Evaluator name (empty on system rows).</summary>
    public required string Evaluator { get; init; }

    /// <summary>Task kind wire name.</summary>
    public required string Task { get; init; }

    /// <summary>System name (empty on evaluator rows).</summary>
    public required string System { get; init; }

    /// <summary>Items the statistics cover.</summary>
    public required int Count { get; init; }

    /// <summary>Pearson correlation of score and proxy.</summary>
    public required double Pearson { get; init; }

    /// <summary>Pearson with its 95 % bootstrap interval over the task kind's items (null on system rows).</summary>
    public Estimate? PearsonEstimate { get; init; }

    /// <summary>Spearman correlation of score and proxy.</summary>
    public required double Spearman { get; init; }

    /// <summary>Mean absolute error of score against proxy (both on [0, 10]).</summary>
    public required double Mae { get; init; }

    /// <summary>Mean evaluator score (NaN on system rows).</summary>
    public required double MeanScore { get; init; }

    /// <summary>Mean proxy of the covered items.</summary>
    public required double MeanProxy { get; init; }

    /// <summary>Pearson correlation with the second proxy where the items have one (e.g. ROUGE), else NaN.</summary>
    public required double PearsonSecondProxy { get; init; }

    /// <summary>True when the evaluator is a function of the proxy on this task kind (<see cref="ProxyCircularity"/>).</summary>
    public bool ProxyCircular { get; init; }

    /// <summary>True when the evaluator is the same quantity as the second proxy on this task kind.</summary>
    public bool SecondProxyCircular { get; init; }

    /// <summary>True when the evaluator's Pearson changes sign on another task kind, at the edges of both 95 % intervals, |r| ≥ <see cref="CorrelationInversion.MinAbsPearson"/> (<see cref="CorrelationInversion"/>).</summary>
    public required bool SignInversion { get; init; }
}
