namespace PoQ.Projections.Ledgers;

/// <summary>
/// One evaluator's participation in one input partition (a row of the <c>evaluator_ledgers</c> projection): tasks that
/// sampled it, scored by it and settled with a verdict on it, its deviations as exact sums (<see cref="LedgerAmount"/>)
/// with min and max, and its trust after the latest settled task (latest by close time, then task id). Every field is
/// order independent, so the row is the same however commits interleave.
/// </summary>
public sealed class EvaluatorLedger
{
    /// <summary>The evaluator.</summary>
    public string EvaluatorId { get; set; } = "";

    /// <summary>The input partition (−1 for a combination).</summary>
    public int Partition { get; set; }

    /// <summary>Tasks that sampled it.</summary>
    public long Sampled { get; set; }

    /// <summary>Tasks where its score was accepted.</summary>
    public long Scored { get; set; }

    /// <summary>Tasks settled with a verdict on it.</summary>
    public long Settled { get; set; }

    /// <summary>Verdicts where the rule left its score out.</summary>
    public long Excluded { get; set; }

    /// <summary>Σ deviations, exact.</summary>
    public decimal DeviationSum { get; set; }

    /// <summary>Σ squared deviations, exact.</summary>
    public decimal DeviationSquares { get; set; }

    /// <summary>Smallest deviation (+∞ when none).</summary>
    public double DeviationMin { get; set; } = double.PositiveInfinity;

    /// <summary>Largest deviation (−∞ when none).</summary>
    public double DeviationMax { get; set; } = double.NegativeInfinity;

    /// <summary>Close time of the latest settled task with a verdict on it.</summary>
    public DateTimeOffset? LastClosedAt { get; set; }

    /// <summary>That task's id.</summary>
    public string? LastTaskId { get; set; }

    /// <summary>Its trust after that task's verdict.</summary>
    public double? Trust { get; set; }

    /// <summary>One evaluator's rows combined over partitions (the order does not matter).</summary>
    public static EvaluatorLedger Combine(string evaluatorId, IEnumerable<EvaluatorLedger> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var combined = new EvaluatorLedger { EvaluatorId = evaluatorId, Partition = -1 };
        foreach (var row in rows)
        {
            combined.Add(row);
        }

        return combined;
    }

    /// <summary>Adds another row (exact sums, min, max, latest).</summary>
    public void Add(EvaluatorLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Sampled += other.Sampled;
        Scored += other.Scored;
        Settled += other.Settled;
        Excluded += other.Excluded;
        DeviationSum += other.DeviationSum;
        DeviationSquares += other.DeviationSquares;
        DeviationMin = Math.Min(DeviationMin, other.DeviationMin);
        DeviationMax = Math.Max(DeviationMax, other.DeviationMax);
        if (other.LastClosedAt is { } at && IsLater(at, other.LastTaskId!))
        {
            LastClosedAt = at;
            LastTaskId = other.LastTaskId;
            Trust = other.Trust;
        }
    }

    /// <summary>True when (<paramref name="at"/>, <paramref name="taskId"/>) comes after the latest task so far.</summary>
    public bool IsLater(DateTimeOffset at, string taskId) =>
        LastClosedAt is not { } last || at > last || (at == last && string.CompareOrdinal(taskId, LastTaskId) > 0);
}
