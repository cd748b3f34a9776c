using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// The hot path of <see cref="WireParser.ParseScore"/>: reads a <c>poq.scores</c> payload that is plainly well formed —
/// one object of the contract's own members, each at most once, each of its expected JSON type — straight off a
/// <see cref="Utf8JsonReader"/> into the same <see cref="WireScoreMessage"/> the serializer would build. Anything else
/// (an unknown or repeated member, a string where a number belongs, "NaN", a syntax error, trailing data) is declined,
/// and the serializer reads the payload and gives its verdict, so every rejection keeps its one wording. The
/// serializer's metadata-driven read costs several times this one per score, and scores are most of the log.
/// </summary>
public static class WireScoreReader
{
    [Flags]
    private enum Seen
    {
        None = 0,
        Version = 1,
        Type = 2,
        ScoreId = 4,
        TaskId = 8,
        EvaluatorId = 16,
        Score = 32,
        Cost = 64,
        SubmittedAt = 128,
        Signature = 256,
    }

    /// <summary>True with the message when the payload is plainly well formed; false: let the serializer read it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out WireScoreMessage? message) =>
        WirePayloadReader.TryRead(payload, MemberOf, TryReadMember, out message);

    private static bool TryReadMember(ref Utf8JsonReader reader, int member, WireScoreMessage read)
    {
        bool ok;
        switch ((Seen)member)
        {
            case Seen.Version:
                ok = WireTokens.TryInt(ref reader, out int? version);
                read.Version = version;
                return ok;
            case Seen.Score:
                ok = WireTokens.TryDouble(ref reader, out double? score);
                read.Score = score;
                return ok;
            case Seen.Cost:
                ok = WireTokens.TryCost(ref reader, out var cost);
                read.Cost = cost;
                return ok;
            default:
                ok = WireTokens.TryString(ref reader, out string? text);
                Assign(read, (Seen)member, text);
                return ok;
        }
    }

    private static int MemberOf(ref Utf8JsonReader reader) => (int)(
        reader.ValueTextEquals("version"u8) ? Seen.Version
        : reader.ValueTextEquals("type"u8) ? Seen.Type
        : reader.ValueTextEquals("scoreId"u8) ? Seen.ScoreId
        : reader.ValueTextEquals("taskId"u8) ? Seen.TaskId
        : reader.ValueTextEquals("evaluatorId"u8) ? Seen.EvaluatorId
        : reader.ValueTextEquals("score"u8) ? Seen.Score
        : reader.ValueTextEquals("cost"u8) ? Seen.Cost
        : reader.ValueTextEquals("submittedAt"u8) ? Seen.SubmittedAt
        : reader.ValueTextEquals("signature"u8) ? Seen.Signature
        : Seen.None);

    private static void Assign(WireScoreMessage read, Seen member, string? text)
    {
        switch (member)
        {
            case Seen.Type:
                read.Type = text;
                break;
            case Seen.ScoreId:
                read.ScoreId = text;
                break;
            case Seen.TaskId:
                read.TaskId = text;
                break;
            case Seen.EvaluatorId:
                read.EvaluatorId = text;
                break;
            case Seen.SubmittedAt:
                read.SubmittedAt = text;
                break;
            default:
                read.Signature = text;
                break;
        }
    }
}
