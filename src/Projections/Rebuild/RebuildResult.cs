namespace PoQ.Projections.Rebuild;

/// <summary>One projection rebuilt.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Events">Settlement events replayed into it.</param>
/// <param name="Tasks">Tasks those events hold.</param>
/// <param name="Rows">Rows it holds afterwards.</param>
/// <param name="Elapsed">How long Marten's rebuild took.</param>
public sealed record RebuildResult(string Name, long Events, long Tasks, long Rows, TimeSpan Elapsed)
{
    /// <summary>Tasks per second.</summary>
    public double TasksPerSecond => Elapsed.TotalSeconds > 0 ? Tasks / Elapsed.TotalSeconds : double.NaN;
}
