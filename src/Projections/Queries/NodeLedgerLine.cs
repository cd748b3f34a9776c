namespace PoQ.Projections.Queries;

/// <summary>One node ledger in a listing.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Count">Rewards received.</param>
/// <param name="Total">Σ rewards.</param>
/// <param name="Mean">Mean reward.</param>
public sealed record NodeLedgerLine(string NodeId, string Role, long Count, double Total, double Mean);
