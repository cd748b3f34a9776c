using System.Text;

namespace PoQ.Ingest.Contract;

/// <summary>
/// The clock record: <c>{"type":"clock"}</c>, written by PoQ's producers (the simulator, <c>poq run --clock-interval</c>)
/// into every partition of both input topics. It carries no data; its record timestamp moves the partition's stream time,
/// so an idle partition still closes its windows and lets trust epochs close — time advances only through the log.
/// </summary>
public static class ClockRecord
{
    /// <summary>The exact payload (anything else with <c>"type":"clock"</c> is dead-lettered as a wrong message type).</summary>
    public static ReadOnlySpan<byte> Payload => """{"type":"clock"}"""u8;

    /// <summary>The payload as a new array (for producers).</summary>
    public static byte[] PayloadBytes() => Payload.ToArray();

    /// <summary>True when <paramref name="value"/> is a clock record.</summary>
    public static bool Is(ReadOnlySpan<byte> value) => value.SequenceEqual(Payload);

    /// <summary>The payload as text.</summary>
    public static string Text => Encoding.UTF8.GetString(Payload);
}
