using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Settlement.Digest;
using PoQ.Settlement.Events;

namespace PoQ.Settlement.Trust;

/// <summary>
/// The one trust chain: folds verdicts into trust with the rule's update (<see cref="TrustSettings.Evolve"/>: paper Eq. 21, or Yuma's bond EMA)
/// in a canonical order — per evaluator by close time, then ordinal task id — so the result is the same whatever order
/// the verdicts arrive in, in one process or many. Used per task by the sequential update, per epoch by the pipeline's
/// epoch closer, replay, audit verify and the experiments.
/// </summary>
public static class TrustFold
{
    /// <summary>
    /// Folds <paramref name="signals"/> into <paramref name="ledger"/> in canonical order and returns each touched
    /// evaluator's change (ordinal id order) and the hex SHA-256 of the signals in that order.
    /// </summary>
    public static (IReadOnlyList<TrustChange> Changes, string Digest) Apply(TrustLedger ledger, TrustSettings settings, IEnumerable<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return ApplyInPlace(ledger, settings, signals.ToArray());
    }

    /// <summary>
    /// <see cref="Apply"/> over signals the caller owns, sorted in place into canonical order (no copy: an epoch of a long
    /// replay holds thousands, and a copy of that size is a large-object allocation each epoch).
    /// </summary>
    public static (IReadOnlyList<TrustChange> Changes, string Digest) ApplyInPlace(TrustLedger ledger, TrustSettings settings, Span<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(settings);
        CanonicalSignalOrder.Sort(signals);
        var changes = new List<TrustChange>();
        using var digest = new BufferedSha256();
        int i = 0;
        while (i < signals.Length)
        {
            string evaluator = signals[i].EvaluatorId;
            var before = ledger.Of(evaluator);
            var entry = before;
            for (; i < signals.Length && signals[i].EvaluatorId == evaluator; i++)
            {
                var signal = signals[i];
                if (!double.IsFinite(signal.Deviation) || signal.Deviation < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(signals), signal.Deviation, $"trust signal of '{evaluator}' on task '{signal.TaskId}' must be finite and ≥ 0");
                }

                entry = settings.Evolve(entry, signal.Deviation);
                digest.AppendTerminated(evaluator);
                digest.AppendInt64(signal.ClosedAt.UtcTicks);
                digest.AppendTerminated(signal.TaskId);
                digest.AppendInt64(BitConverter.DoubleToInt64Bits(signal.Deviation));
            }

            ledger.Set(evaluator, entry);
            changes.Add(new TrustChange(evaluator, before.Weight, before.Observations, entry.Weight, entry.Observations));
        }

        return (changes, digest.FinishHex());
    }

    /// <summary>Folds one epoch's verdicts into <paramref name="ledger"/> and describes the close as an event.</summary>
    public static TrustEpochClosed CloseEpoch(TrustLedger ledger, TrustSettings settings, TrustEpochs epochs, long epoch, IReadOnlyCollection<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return CloseEpochInPlace(ledger, settings, epochs, epoch, signals.ToArray());
    }

    /// <summary><see cref="CloseEpoch(TrustLedger, TrustSettings, TrustEpochs, long, IReadOnlyCollection{TrustSignal})"/> over signals the caller owns, sorted in place.</summary>
    public static TrustEpochClosed CloseEpochInPlace(TrustLedger ledger, TrustSettings settings, TrustEpochs epochs, long epoch, Span<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var (changes, digest) = ApplyInPlace(ledger, settings, signals);
        return new TrustEpochClosed(epoch, epochs.StartOf(epoch), epochs.EndOf(epoch), signals.Length, digest, changes);
    }

    /// <summary>How many trust signals <see cref="SignalsOf"/> gives for <paramref name="task"/>.</summary>
    public static int SignalCount(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Settlement.IsReached ? task.Settlement.Verdicts.Count : 0;
    }

    /// <summary>Writes <see cref="SignalsOf"/> of <paramref name="task"/> into <paramref name="into"/> (sized by <see cref="SignalCount"/>).</summary>
    public static void CopySignals(TaskFinalized task, Span<TrustSignal> into)
    {
        ArgumentNullException.ThrowIfNull(task);
        var verdicts = task.Settlement.Verdicts;
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = new TrustSignal(verdicts[i].EvaluatorId, task.Facts.ClosedAt, task.TaskId, verdicts[i].TrustSignal);
        }
    }

    /// <summary>The trust signals of <paramref name="tasks"/>, in their order, in one array sized up front (a commit stores its tasks' signals so).</summary>
    public static TrustSignal[] AllSignalsOf(IEnumerable<TaskFinalized> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = tasks as IReadOnlyCollection<TaskFinalized> ?? [.. tasks];
        var signals = new TrustSignal[all.Sum(SignalCount)];
        int next = 0;
        foreach (var task in all)
        {
            int adding = SignalCount(task);
            CopySignals(task, signals.AsSpan(next, adding));
            next += adding;
        }

        return signals;
    }

    /// <summary>The trust signals a settled task contributes (none when insufficient).</summary>
    public static IEnumerable<TrustSignal> SignalsOf(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Settlement.IsReached)
        {
            yield break;
        }

        foreach (var verdict in task.Settlement.Verdicts)
        {
            yield return new TrustSignal(verdict.EvaluatorId, task.Facts.ClosedAt, task.TaskId, verdict.TrustSignal);
        }
    }
}
