using PoQ.Projections.Queries;
using PoQ.Projections.Verification;

namespace PoQ.Cli.Json;

/// <summary>
/// <c>poq audit verify --json</c>: the verification report in the audit API's shape (<see cref="AuditJson"/>: snake_case)
/// and the seconds the re-derivation took (<c>poq bench history</c> reads them).
/// </summary>
internal sealed record VerifyJson(long TasksChecked, IReadOnlyList<AuditMismatch> Mismatches, bool Clean, double Seconds)
{
    public static VerifyJson Of(VerificationReport report, TimeSpan elapsed) => new(report.TasksChecked, report.Mismatches, report.Clean, elapsed.TotalSeconds);

    public string Serialize() => AuditJson.Serialize(this);
}
