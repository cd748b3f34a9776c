using PoQ.Pipeline.Recording;
using PoQ.Settlement.Events;

namespace PoQ.Bench.History;

/// <summary>
/// Writes a <see cref="SimulatedHistory"/> into a store through the pipeline's own commit path — the lane committer
/// (events, task index, the inline Marten projections, checkpoints, fenced) and the epoch coordinator — via
/// <see cref="HistoryRecorder"/>, without Kafka: the store is what the pipeline would leave, at the committer's speed.
/// </summary>
public static class HistoryBuilder
{
    /// <summary>Tasks per committed batch (a busy lane commits a few hundred at a time).</summary>
    public const int BatchSize = 500;

    /// <summary>Builds the history; <paramref name="progress"/> receives the tasks committed so far.</summary>
    public static async Task BuildAsync(string connectionString, SimulatedHistory history, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        await using var recorder = await HistoryRecorder.OpenAsync(connectionString, SimulatedHistory.Mechanism, history.Partitions, cancellationToken).ConfigureAwait(false);
        long committed = 0;
        DateTimeOffset last = DateTimeOffset.MinValue;
        foreach (var chunk in history.Settle().Chunk(BatchSize * 8))
        {
            await recorder.RecordAsync(chunk, [], BatchSize, cancellationToken).ConfigureAwait(false);
            committed += chunk.Length;
            last = chunk[^1].Facts.ClosedAt;
            progress?.Report(committed);
        }

        if (committed > 0)
        {
            await recorder.FoldEpochsAsync(last.AddSeconds(10), cancellationToken).ConfigureAwait(false);
        }
    }
}
