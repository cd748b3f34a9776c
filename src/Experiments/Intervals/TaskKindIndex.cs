using PoQ.Simulation.Scoring;

namespace PoQ.Experiments.Intervals;

/// <summary>The task kinds of a score table (ordinal order) and each item's kind, for figures reported per task type.</summary>
public sealed class TaskKindIndex
{
    private readonly int[] kindOfItem;

    /// <summary>Indexes <paramref name="table"/>'s items by task kind.</summary>
    public TaskKindIndex(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Kinds = table.Items.Select(i => i.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var lookup = Kinds.Select((kind, i) => (kind, i)).ToDictionary(p => p.kind, p => p.i, StringComparer.Ordinal);
        kindOfItem = table.Items.Select(i => lookup[i.Kind]).ToArray();
    }

    /// <summary>Task kind wire names, e.g. <c>qa</c>, <c>summarization</c>.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>The kind (index into <see cref="Kinds"/>) of each of <paramref name="items"/>.</summary>
    public int[] KindsOf(ReadOnlySpan<int> items)
    {
        var kinds = new int[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            kinds[i] = kindOfItem[items[i]];
        }

        return kinds;
    }
}
