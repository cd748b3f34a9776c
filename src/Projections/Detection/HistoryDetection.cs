using Marten;
using PoQ.Projections.History;
using PoQ.Settlement.Detection;
using PoQ.Settlement.Digest;

namespace PoQ.Projections.Detection;

/// <summary>
/// <c>poq audit detect</c>: collusion and copy detection over the recorded history, recorded as events. The history
/// streams in canonical order a page at a time (<see cref="HistoryPages"/>, the reader replay and verify use); each task
/// feeds the settlement digest and the verdicts detection reads (<see cref="RecordedVerdicts"/>), then the pure
/// <see cref="Detector"/> judges them and the run is recorded (<see cref="DetectionLog"/>) on a stream named by the
/// digest and the options, so detecting twice over one history records it once. Memory: the verdicts (≈ k small records
/// per task) and ≈ 50 bytes per task of the digest — not the tasks.
/// </summary>
public static class HistoryDetection
{
    /// <summary>Detects and records; returns the problem instead when the store holds no recorded task.</summary>
    /// <param name="store">The recorded store (the run is appended to it).</param>
    /// <param name="connectionString">Its connection string.</param>
    /// <param name="options">Detector thresholds; null for the defaults.</param>
    /// <param name="progress">Receives (tasks read, tasks recorded).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<(DetectionRun? Run, string? Problem)> RunAsync(
        IDocumentStore store, string connectionString, DetectionOptions? options, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        options = (options ?? new DetectionOptions()).Validated();
        long total = await HistoryPages.CountAsync(connectionString, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            return (null, "the event store is empty: no finalized task is recorded");
        }

        var digest = new SettlementDigest();
        var verdicts = new RecordedVerdicts();
        DateTimeOffset first = DateTimeOffset.MaxValue, last = DateTimeOffset.MinValue;
        await foreach (var page in HistoryPages.ReadAsync(connectionString, HistoryOrder.Canonical, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page)
            {
                digest.Add(task);
                verdicts.Add(task);
                first = task.Facts.ClosedAt < first ? task.Facts.ClosedAt : first;
                last = task.Facts.ClosedAt > last ? task.Facts.ClosedAt : last;
            }

            progress?.Report((verdicts.Tasks, total));
        }

        var fingerprint = digest.Finish();
        var result = Detector.Detect(verdicts.Verdicts, options);
        string runId = DetectionIds.Stream(fingerprint.Digest, options.Hash());
        var coverage = new DetectionCoverage(
            verdicts.Tasks,
            verdicts.Verdicts.Count,
            fingerprint.Digest,
            first,
            last,
            options.Hash(),
            options.Parameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var flags = result.Flags.Select(f => EvaluatorFlagged.Of(runId, f, coverage)).ToList();
        var completed = new DetectionCompleted(
            runId,
            flags.Count,
            result.PairsTested,
            result.EvaluatorsTested,
            double.IsFinite(result.AgreementBaseline) ? result.AgreementBaseline : null,
            double.IsFinite(result.CopyBaseline) ? result.CopyBaseline : null,
            coverage);
        return (await DetectionLog.RecordAsync(store, flags, completed, cancellationToken).ConfigureAwait(false), null);
    }
}
