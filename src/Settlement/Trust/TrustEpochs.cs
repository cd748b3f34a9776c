using System.Globalization;

namespace PoQ.Settlement.Trust;

/// <summary>
/// How trust evolves: per epoch of log time, or (length zero) the paper's per-task sequential update.
/// Epoch e covers log time [e·L, (e+1)·L) since the Unix epoch; a task belongs to the epoch of its close
/// (<see cref="Events.TaskFacts.ClosedAt"/>). A task of epoch e settles against the snapshot that folds every epoch up
/// to e − <see cref="Lag"/>: folding epoch e − 1 needs every partition past its end, which only happens once epoch e has
/// begun, so waiting for it would stall every task at the start of each epoch.
/// </summary>
public sealed record TrustEpochs
{
    /// <summary>Epochs between a verdict and the first task whose weights include it.</summary>
    public const int Lag = 2;

    private TrustEpochs(TimeSpan length) => Length = length;

    /// <summary>The paper's sequential update: each task's verdicts change trust for the next task (order dependent).</summary>
    public static TrustEpochs Sequential { get; } = new(TimeSpan.Zero);

    /// <summary>Epoch length; zero for <see cref="Sequential"/>.</summary>
    public TimeSpan Length { get; }

    /// <summary>Length in whole milliseconds (0 for sequential).</summary>
    public long LengthMs => (long)Length.TotalMilliseconds;

    /// <summary>True for the per-task sequential update.</summary>
    public bool IsSequential => Length == TimeSpan.Zero;

    /// <summary>Epochs of <paramref name="length"/> (whole milliseconds, ≥ 1 ms), or sequential for zero.</summary>
    public static TrustEpochs Of(TimeSpan length)
    {
        if (length == TimeSpan.Zero)
        {
            return Sequential;
        }

        if (length < TimeSpan.FromMilliseconds(1) || length.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "a trust epoch is 0 (sequential) or a whole number of milliseconds ≥ 1");
        }

        return new TrustEpochs(length);
    }

    /// <summary>From the recorded <c>trust_epoch_ms</c>.</summary>
    public static TrustEpochs OfMilliseconds(long milliseconds) => Of(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>The epoch of a log time (floor division, so times before 1970 work too).</summary>
    public long EpochOf(DateTimeOffset time)
    {
        EnsureEpochs();
        return Math.DivRem(time.ToUnixTimeMilliseconds(), LengthMs) is var (q, r) && r < 0 ? q - 1 : q;
    }

    /// <summary>First instant of epoch <paramref name="epoch"/>.</summary>
    public DateTimeOffset StartOf(long epoch)
    {
        EnsureEpochs();
        return DateTimeOffset.FromUnixTimeMilliseconds(epoch * LengthMs);
    }

    /// <summary>End (exclusive) of epoch <paramref name="epoch"/>.</summary>
    public DateTimeOffset EndOf(long epoch) => StartOf(epoch + 1);

    /// <summary>The last epoch folded into the snapshot tasks of <paramref name="epoch"/> settle against.</summary>
    public static long FoldedThroughFor(long epoch) => epoch - Lag;

    /// <summary>"sequential" or e.g. "2s".</summary>
    public override string ToString() => IsSequential ? "sequential" : string.Create(CultureInfo.InvariantCulture, $"{Length.TotalSeconds:0.###}s");

    private void EnsureEpochs()
    {
        if (IsSequential)
        {
            throw new InvalidOperationException("sequential trust has no time epochs");
        }
    }
}
