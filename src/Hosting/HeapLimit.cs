using System.Globalization;

namespace PoQ.Hosting;

/// <summary>
/// A hard limit on this process's managed heap, set while the process runs (the runtime's GCHeapHardLimit through
/// <see cref="GC.RefreshMemoryLimit"/>): what -Xmx is to a JVM stream processor. Without one, the collector lets
/// garbage pile up between full collections in proportion to what survived the last one, so a pipeline's resident set
/// follows how its collections happened to fall rather than what it holds; with one, the collector works harder as the
/// heap nears the limit and the resident set stays under the limit plus native memory (runtime, Kafka client).
/// The pipeline's own bounds (its buffer budget, batches in commit) keep what it holds far below such a limit.
/// Disposing lifts it again.
/// </summary>
public sealed class HeapLimit : IDisposable
{
    private const string Setting = "GCHeapHardLimit";
    private bool lifted;

    private HeapLimit(long mebibytes) => Mebibytes = mebibytes;

    /// <summary>The least limit accepted, MiB: less than the runtime, Marten's and Akka's own needs would fail at once.</summary>
    public const long MinimumMebibytes = 128;

    /// <summary>The limit, MiB.</summary>
    public long Mebibytes { get; }

    /// <summary>Why <paramref name="mebibytes"/> cannot be a limit, as "<paramref name="named"/> = value: reason"; null when it can.</summary>
    public static string? Problem(string named, long mebibytes) => mebibytes < MinimumMebibytes
        ? string.Create(CultureInfo.InvariantCulture, $"{named} = {mebibytes}: must be at least {MinimumMebibytes} MiB")
        : null;

    /// <summary>
    /// Sets the limit. The runtime refuses a limit below what the heap has committed, so when it does, a full compacting
    /// collection runs and the limit is tried once more. Throws <see cref="ArgumentOutOfRangeException"/> below
    /// <see cref="MinimumMebibytes"/> and <see cref="InvalidOperationException"/> when the live heap holds more than the limit.
    /// </summary>
    public static HeapLimit Apply(long mebibytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mebibytes, MinimumMebibytes);
        AppContext.SetData(Setting, (ulong)mebibytes * 1024 * 1024);
        try
        {
            try
            {
                GC.RefreshMemoryLimit();
            }
            catch (InvalidOperationException)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                GC.RefreshMemoryLimit();
            }
        }
        catch (InvalidOperationException e)
        {
            AppContext.SetData(Setting, 0UL);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"max heap {mebibytes} MiB: the heap already holds more ({GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024)} MiB): {e.Message}"), e);
        }

        return new HeapLimit(mebibytes);
    }

    /// <summary>Lifts the limit (zero: no limit).</summary>
    public void Dispose()
    {
        if (lifted)
        {
            return;
        }

        lifted = true;
        AppContext.SetData(Setting, 0UL);
        GC.RefreshMemoryLimit();
    }
}
