namespace PoQ.Projections.Verification;

/// <summary>The outcome of <c>poq audit verify</c>: how many tasks were re-derived and every mismatch found.</summary>
/// <param name="TasksChecked">Recorded tasks re-derived.</param>
/// <param name="Mismatches">Differences, in task sequence order, store-wide checks last.</param>
public sealed record VerificationReport(long TasksChecked, IReadOnlyList<AuditMismatch> Mismatches)
{
    /// <summary>True when every recorded value was reproduced.</summary>
    public bool Clean => Mismatches.Count == 0;
}
