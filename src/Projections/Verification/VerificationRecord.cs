namespace PoQ.Projections.Verification;

/// <summary>The result of the last <c>poq audit verify --all</c>, kept for the auditor's landing page (a Marten document).</summary>
public sealed class VerificationRecord
{
    /// <summary>The one id: only the latest result is kept.</summary>
    public const string LatestId = "latest";

    /// <summary>Always <see cref="LatestId"/>.</summary>
    public string Id { get; set; } = LatestId;

    /// <summary>When it ran (wall clock of the verifying machine).</summary>
    public DateTimeOffset VerifiedAt { get; set; }

    /// <summary>Tasks re-derived.</summary>
    public long TasksChecked { get; set; }

    /// <summary>Values that differed.</summary>
    public long Mismatches { get; set; }

    /// <summary>The first mismatches, at most <see cref="Kept"/>.</summary>
    public List<AuditMismatch> FirstMismatches { get; set; } = [];

    /// <summary>True when every recorded value was re-derived exactly.</summary>
    public bool Clean => Mismatches == 0;

    /// <summary>Mismatches kept in the record.</summary>
    public const int Kept = 20;

    /// <summary>The record of a report.</summary>
    public static VerificationRecord Of(VerificationReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new VerificationRecord { VerifiedAt = at, TasksChecked = report.TasksChecked, Mismatches = report.Mismatches.Count, FirstMismatches = [.. report.Mismatches.Take(Kept)] };
    }
}
