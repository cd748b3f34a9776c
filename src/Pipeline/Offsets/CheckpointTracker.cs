using PoQ.Pipeline.Model;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Offsets;

/// <summary>
/// Tracks, per partition, which offsets are read and which are durably handled, and turns that into the
/// checkpoints committed with each batch. The source reports reads (in offset order per partition), the
/// committer reports handled positions; both from different threads, hence the lock.
/// </summary>
public sealed class CheckpointTracker
{
    private readonly object gate = new();
    private readonly Dictionary<(string Topic, int Partition), PartitionProgress> partitions = [];
    private readonly Dictionary<(string Topic, int Partition), List<long[]>> skip = [];

    /// <summary>Creates a tracker resuming from stored checkpoints.</summary>
    public CheckpointTracker(IEnumerable<PartitionCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        foreach (var checkpoint in checkpoints)
        {
            var key = (checkpoint.Topic, checkpoint.Partition);
            partitions[key] = new PartitionProgress(checkpoint.Watermark);
            skip[key] = checkpoint.HandledAhead;
        }
    }

    /// <summary>Where to start reading a partition: its watermark, or null when never read.</summary>
    public long? StartOffset(string topic, int partition)
    {
        lock (gate)
        {
            return partitions.TryGetValue((topic, partition), out var progress) ? progress.Watermark : null;
        }
    }

    /// <summary>
    /// A record was read. Returns false when it was already handled before a restart (it is then skipped:
    /// its effects are durable, so handling it again would duplicate them).
    /// </summary>
    public bool Read(RecordPosition position)
    {
        var key = (position.Topic, position.Partition);
        lock (gate)
        {
            bool handledBefore = skip.TryGetValue(key, out var ranges) && ranges.Any(r => position.Offset >= r[0] && position.Offset <= r[1]);
            if (!partitions.TryGetValue(key, out var progress))
            {
                progress = new PartitionProgress(position.Offset);
                partitions[key] = progress;
            }

            progress.Read(position.Offset, handledBefore);
            return !handledBefore;
        }
    }

    /// <summary>Marks positions handled and returns the checkpoints of the partitions they touch.</summary>
    public IReadOnlyList<PartitionCheckpoint> Handle(IEnumerable<RecordPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        lock (gate)
        {
            var touched = new HashSet<(string, int)>();
            foreach (var position in positions)
            {
                var key = (position.Topic, position.Partition);
                if (partitions.TryGetValue(key, out var progress))
                {
                    progress.Handled(position.Offset);
                    touched.Add(key);
                }
            }

            // Partitions whose only reads were skips also move forward.
            foreach (var (key, progress) in partitions)
            {
                if (progress.InFlightCount == 0)
                {
                    touched.Add(key);
                }
            }

            return touched.Select(key => Checkpoint(key, partitions[key], skip.GetValueOrDefault(key))).ToArray();
        }
    }

    /// <summary>Records read but not yet handled, over all partitions.</summary>
    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return partitions.Values.Sum(p => p.InFlightCount);
            }
        }
    }

    private static PartitionCheckpoint Checkpoint((string Topic, int Partition) key, PartitionProgress progress, List<long[]>? restored)
    {
        // Progress knows only what this run read. Restored handled-ahead ranges not read again yet (at or past Next)
        // are still handled and must stay in the checkpoint, or a second crash would handle them twice.
        var handledAhead = progress.HandledAhead();
        foreach (long[] range in restored ?? [])
        {
            long from = Math.Max(range[0], progress.Next);
            if (range[1] < from)
            {
                continue;
            }

            if (handledAhead.Count > 0 && handledAhead[^1][1] + 1 >= from)
            {
                handledAhead[^1][1] = Math.Max(handledAhead[^1][1], range[1]);
            }
            else
            {
                handledAhead.Add([from, range[1]]);
            }
        }

        return new PartitionCheckpoint
        {
            Id = PartitionCheckpoint.IdOf(key.Topic, key.Partition),
            Topic = key.Topic,
            Partition = key.Partition,
            Watermark = progress.Watermark,
            HandledAhead = handledAhead,
        };
    }
}
