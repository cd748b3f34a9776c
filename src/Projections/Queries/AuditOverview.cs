using PoQ.Projections.Verification;

namespace PoQ.Projections.Queries;

/// <summary>The auditor's landing view: what the store holds, whether it verified, who was paid, how trust is spread, what the latest scenario changed.</summary>
/// <param name="Status">Store totals.</param>
/// <param name="LastVerification">The last <c>poq audit verify --all</c>; null when never run.</param>
/// <param name="Nodes">Every node's payout totals, by role then id.</param>
/// <param name="Evaluators">Every evaluator's current trust, by id.</param>
/// <param name="LatestScenario">The latest replay scenario; null when none was written.</param>
/// <param name="MostChanged">The nodes the latest scenario changed most.</param>
public sealed record AuditOverview(
    StoreSummary Status,
    VerificationRecord? LastVerification,
    IReadOnlyList<NodeLedgerLine> Nodes,
    IReadOnlyList<EvaluatorTrustLine> Evaluators,
    ScenarioSummary? LatestScenario,
    IReadOnlyList<ScenarioNodeComparison> MostChanged);
