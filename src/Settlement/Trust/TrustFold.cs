using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Settlement.Events;

namespace PoQ.Settlement.Trust;

/// <summary>
/// The one trust chain: folds verdicts into trust with the rule's update (paper Eq. 21, <see cref="TrustSettings.Evolve"/>)
/// in a canonical order — per evaluator by close time, then ordinal task id — so the result is the same whatever order
/// the verdicts arrive in, in one process or many. Used per task by the sequential update, per epoch by the pipeline's
/// epoch closer, replay, audit verify and the experiments.
/// </summary>
public static class TrustFold
{
    /// <summary>The canonical order of verdicts within a fold.</summary>
    public static int Compare(TrustSignal a, TrustSignal b)
    {
        int byEvaluator = string.CompareOrdinal(a.EvaluatorId, b.EvaluatorId);
        if (byEvaluator != 0)
        {
            return byEvaluator;
        }

        int byTime = a.ClosedAt.UtcTicks.CompareTo(b.ClosedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.TaskId, b.TaskId);
    }

    /// <summary>
    /// Folds <paramref name="signals"/> into <paramref name="ledger"/> in canonical order and returns each touched
    /// evaluator's change (ordinal id order) and the hex SHA-256 of the signals in that order.
    /// </summary>
    public static (IReadOnlyList<TrustChange> Changes, string Digest) Apply(TrustLedger ledger, TrustSettings settings, IEnumerable<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(signals);
        var ordered = signals.ToArray();
        Array.Sort(ordered, Compare);
        var changes = new List<TrustChange>();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        int i = 0;
        while (i < ordered.Length)
        {
            string evaluator = ordered[i].EvaluatorId;
            var before = ledger.Of(evaluator);
            var entry = before;
            for (; i < ordered.Length && ordered[i].EvaluatorId == evaluator; i++)
            {
                var signal = ordered[i];
                if (!double.IsFinite(signal.Deviation) || signal.Deviation < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(signals), signal.Deviation, $"trust signal of '{evaluator}' on task '{signal.TaskId}' must be finite and ≥ 0");
                }

                entry = settings.Evolve(entry, signal.Deviation);
                AppendText(digest, evaluator);
                BinaryPrimitives.WriteInt64LittleEndian(number, signal.ClosedAt.UtcTicks);
                digest.AppendData(number);
                AppendText(digest, signal.TaskId);
                BinaryPrimitives.WriteInt64LittleEndian(number, BitConverter.DoubleToInt64Bits(signal.Deviation));
                digest.AppendData(number);
            }

            ledger.Set(evaluator, entry);
            changes.Add(new TrustChange(evaluator, before.Weight, before.Observations, entry.Weight, entry.Observations));
        }

        return (changes, Convert.ToHexStringLower(digest.GetHashAndReset()));
    }

    /// <summary>Folds one epoch's verdicts into <paramref name="ledger"/> and describes the close as an event.</summary>
    public static TrustEpochClosed CloseEpoch(TrustLedger ledger, TrustSettings settings, TrustEpochs epochs, long epoch, IReadOnlyCollection<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(signals);
        var (changes, digest) = Apply(ledger, settings, signals);
        return new TrustEpochClosed(epoch, epochs.StartOf(epoch), epochs.EndOf(epoch), signals.Count, digest, changes);
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

    private static void AppendText(IncrementalHash digest, string text)
    {
        digest.AppendData(Encoding.UTF8.GetBytes(text));
        digest.AppendData([0]);
    }
}
