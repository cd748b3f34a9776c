using System.Text;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The frame of a commit's ledger deltas as bytes (<see cref="NodeLedgerCodec"/>, <see cref="EvaluatorLedgerCodec"/>):
/// a format byte, the count, then each delta as its codec writes it. A body of another format or cut short is refused
/// with <see cref="InvalidDataException"/> naming the ledger.
/// </summary>
public static class LedgerDeltaFraming
{
    // The body's first byte: its layout's version.
    private const byte Format = 1;

    /// <summary>The framed bytes of <paramref name="deltas"/>.</summary>
    public static byte[] Encode<T>(IReadOnlyCollection<T> deltas, Action<BinaryWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write7BitEncodedInt(deltas.Count);
            foreach (var delta in deltas)
            {
                write(writer, delta);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The deltas of <paramref name="body"/>; <paramref name="ledger"/> names them in errors.</summary>
    public static List<T> Decode<T>(byte[] body, string ledger, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
            byte format = reader.ReadByte();
            if (format != Format)
            {
                throw new InvalidDataException($"{ledger} deltas: format {format}, expected {Format}");
            }

            int count = reader.Read7BitEncodedInt();
            var deltas = new List<T>(count);
            for (int i = 0; i < count; i++)
            {
                deltas.Add(read(reader));
            }

            return deltas;
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"{ledger} deltas: the body ends early ({body.Length} bytes)", error);
        }
    }

    /// <summary>UTC ticks at the database's precision (timestamptz keeps microseconds), so a delta reads as its folded row would.</summary>
    public static long Microseconds(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % 10);
}
