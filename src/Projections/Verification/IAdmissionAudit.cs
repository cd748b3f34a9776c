using PoQ.Settlement.Events;

namespace PoQ.Projections.Verification;

/// <summary>
/// Checks what let a recorded task in — its evaluator draw, its scores' signatures — against the recorded registry.
/// Admission lives where the registry does (the pipeline's side); verification calls it for every task it re-derives,
/// so <c>poq audit verify</c> re-checks admission and settlement in one pass.
/// </summary>
public interface IAdmissionAudit
{
    /// <summary>What does not hold for <paramref name="task"/> (empty when its admission checks out).</summary>
    IEnumerable<AuditMismatch> Check(TaskFinalized task);
}
