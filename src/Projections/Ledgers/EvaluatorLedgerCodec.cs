using System.Text;

namespace PoQ.Projections.Ledgers;

/// <summary>One commit's evaluator ledger deltas as bytes (a row of <see cref="EvaluatorLedgerTable.Deltas"/>; see <see cref="NodeLedgerCodec"/>).</summary>
public static class EvaluatorLedgerCodec
{
    // The body's first byte: its layout's version.
    private const byte Format = 1;

    /// <summary>The deltas' bytes.</summary>
    public static byte[] Encode(IReadOnlyCollection<EvaluatorLedger> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write7BitEncodedInt(deltas.Count);
            foreach (var delta in deltas)
            {
                writer.Write(delta.EvaluatorId);
                writer.Write(delta.Partition);
                writer.Write(delta.Sampled);
                writer.Write(delta.Scored);
                writer.Write(delta.Settled);
                writer.Write(delta.Excluded);
                writer.Write(delta.DeviationSum);
                writer.Write(delta.DeviationSquares);
                writer.Write(delta.DeviationMin);
                writer.Write(delta.DeviationMax);

                writer.Write(delta.LastClosedAt is not null);
                writer.Write(NodeLedgerCodec.Microseconds(delta.LastClosedAt ?? default));
                writer.Write(delta.LastTaskId is not null);
                writer.Write(delta.LastTaskId ?? "");
                writer.Write(delta.Trust is not null);
                writer.Write(delta.Trust ?? 0);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The deltas of <paramref name="body"/>, as ledger rows.</summary>
    public static IEnumerable<EvaluatorLedger> Decode(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return Read(body);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"evaluator ledger deltas: the body ends early ({body.Length} bytes)", error);
        }
    }

    private static List<EvaluatorLedger> Read(byte[] body)
    {
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        byte format = reader.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"evaluator ledger deltas: format {format}, expected {Format}");
        }

        int count = reader.Read7BitEncodedInt();
        var deltas = new List<EvaluatorLedger>(count);
        for (int i = 0; i < count; i++)
        {
            var delta = new EvaluatorLedger
            {
                EvaluatorId = reader.ReadString(),
                Partition = reader.ReadInt32(),
                Sampled = reader.ReadInt64(),
                Scored = reader.ReadInt64(),
                Settled = reader.ReadInt64(),
                Excluded = reader.ReadInt64(),
                DeviationSum = reader.ReadDecimal(),
                DeviationSquares = reader.ReadDecimal(),
                DeviationMin = reader.ReadDouble(),
                DeviationMax = reader.ReadDouble(),
            };
            bool hasClosedAt = reader.ReadBoolean();
            long closedAt = reader.ReadInt64();
            bool hasTaskId = reader.ReadBoolean();
            string taskId = reader.ReadString();
            bool hasTrust = reader.ReadBoolean();
            double trust = reader.ReadDouble();
            delta.LastClosedAt = hasClosedAt ? new DateTimeOffset(closedAt, TimeSpan.Zero) : null;
            delta.LastTaskId = hasTaskId ? taskId : null;
            delta.Trust = hasTrust ? trust : null;
            deltas.Add(delta);
        }

        return deltas;
    }
}
