using System.Text;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>The binary form of a commit's trust signals for one epoch: count, then evaluator, close ticks, task id, deviation bits.</summary>
public static class TrustSignalCodec
{
    // Each thread's stream for Encode (every commit encodes its signals): only the returned array is allocated.
    [ThreadStatic]
    private static MemoryStream? scratch;

    /// <summary>Encodes signals.</summary>
    public static byte[] Encode(IReadOnlyCollection<TrustSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var stream = scratch ??= new MemoryStream(64 * 1024);
        stream.SetLength(0);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(signals.Count);
            foreach (var signal in signals)
            {
                writer.Write(signal.EvaluatorId);
                writer.Write(signal.ClosedAt.UtcTicks);
                writer.Write(signal.TaskId);
                writer.Write(signal.Deviation);
            }
        }

        return stream.ToArray();
    }

    /// <summary>How many signals a body holds (its leading count); 0 for a body too short to say.</summary>
    public static int CountOf(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        try
        {
            return reader.Read7BitEncodedInt();
        }
        catch (Exception unreadable) when (unreadable is EndOfStreamException or FormatException)
        {
            return 0; // Decode says what is wrong with it
        }
    }

    /// <summary>Decodes signals into <paramref name="into"/>; throws <see cref="InvalidDataException"/> for a body it cannot read.</summary>
    public static void Decode(byte[] data, List<TrustSignal> into)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(into);
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        try
        {
            int count = reader.Read7BitEncodedInt();
            for (int i = 0; i < count; i++)
            {
                string evaluator = reader.ReadString();
                var closedAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                string task = reader.ReadString();
                into.Add(new TrustSignal(evaluator, closedAt, task, reader.ReadDouble()));
            }
        }
        catch (EndOfStreamException truncated)
        {
            throw new InvalidDataException("trust signals body is truncated", truncated);
        }
    }
}
