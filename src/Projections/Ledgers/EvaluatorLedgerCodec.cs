namespace PoQ.Projections.Ledgers;

/// <summary>One commit's evaluator ledger deltas as bytes (a row of <see cref="EvaluatorLedgerTable.Deltas"/>; see <see cref="NodeLedgerCodec"/>).</summary>
public static class EvaluatorLedgerCodec
{
    /// <summary>The deltas' bytes.</summary>
    public static byte[] Encode(IReadOnlyCollection<EvaluatorLedger> deltas) => LedgerDeltaFraming.Encode(deltas, Write);

    /// <summary>The deltas of <paramref name="body"/>, as ledger rows.</summary>
    public static IEnumerable<EvaluatorLedger> Decode(byte[] body) => LedgerDeltaFraming.Decode(body, "evaluator ledger", Read);

    private static void Write(BinaryWriter writer, EvaluatorLedger delta)
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

        // The latest task's fields, each present or not (a flag, then the value or a placeholder).
        writer.Write(delta.LastClosedAt is not null);
        writer.Write(LedgerDeltaFraming.Microseconds(delta.LastClosedAt ?? default));
        writer.Write(delta.LastTaskId is not null);
        writer.Write(delta.LastTaskId ?? "");
        writer.Write(delta.Trust is not null);
        writer.Write(delta.Trust ?? 0);
    }

    private static EvaluatorLedger Read(BinaryReader reader)
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
        return delta;
    }
}
