using PoQ.Projections.Ledgers;
using PoQ.Projections.Payouts;

namespace PoQ.Projections.Rebuild;

/// <summary>The reward projections PoQ registers with Marten, by name (what <c>poq projections rebuild --name</c> accepts).</summary>
public static class ProjectionCatalog
{
    /// <summary>Every projection, with the table it writes.</summary>
    public static IReadOnlyList<(string Name, string Table)> All { get; } =
    [
        (NodeLedgerProjection.ProjectionName, NodeLedgerTable.QualifiedName),
        (EvaluatorLedgerProjection.ProjectionName, EvaluatorLedgerTable.QualifiedName),
        (NodePayoutProjection.ProjectionName, NodePayoutTable.QualifiedName),
    ];

    /// <summary>The table of a projection; null for an unknown name.</summary>
    public static string? TableOf(string name) => All.FirstOrDefault(p => p.Name == name).Table;
}
