using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// The hot path of <see cref="WireParser.ParseTask"/>, as <see cref="WireScoreReader"/> is of scores: reads a
/// <c>poq.tasks</c> payload that is plainly well formed — one object of the contract's own members, each at most once,
/// each of its expected JSON type — straight into the same <see cref="WireTaskMessage"/> the serializer would build, and
/// declines anything else to the serializer, so every rejection keeps its one wording. The serializer's read of a task
/// (an object, a nested cost, an array) cost a stack of frames and its metadata walk for every task.
/// </summary>
public static class WireTaskReader
{
    [Flags]
    private enum Seen
    {
        None = 0,
        Version = 1,
        Type = 2,
        TaskId = 4,
        TaskType = 8,
        InferenceNodeId = 16,
        SubmittedAt = 32,
        Cost = 64,
        Evaluators = 128,
    }

    /// <summary>True with the message when the payload is plainly well formed; false: let the serializer read it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out WireTaskMessage? message) =>
        WirePayloadReader.TryRead(payload, MemberOf, TryReadMember, out message);

    private static bool TryReadMember(ref Utf8JsonReader reader, int member, WireTaskMessage read)
    {
        bool ok;
        switch ((Seen)member)
        {
            case Seen.Version:
                ok = WireTokens.TryInt(ref reader, out int? version);
                read.Version = version;
                return ok;
            case Seen.Cost:
                ok = WireTokens.TryCost(ref reader, out var cost);
                read.Cost = cost;
                return ok;
            case Seen.Evaluators:
                ok = WireTokens.TryStrings(ref reader, out string?[]? evaluators);
                read.Evaluators = evaluators;
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
        : reader.ValueTextEquals("taskId"u8) ? Seen.TaskId
        : reader.ValueTextEquals("taskType"u8) ? Seen.TaskType
        : reader.ValueTextEquals("inferenceNodeId"u8) ? Seen.InferenceNodeId
        : reader.ValueTextEquals("submittedAt"u8) ? Seen.SubmittedAt
        : reader.ValueTextEquals("cost"u8) ? Seen.Cost
        : reader.ValueTextEquals("evaluators"u8) ? Seen.Evaluators
        : Seen.None);

    private static void Assign(WireTaskMessage read, Seen member, string? text)
    {
        switch (member)
        {
            case Seen.Type:
                read.Type = text;
                break;
            case Seen.TaskId:
                read.TaskId = text;
                break;
            case Seen.TaskType:
                read.TaskType = text;
                break;
            case Seen.InferenceNodeId:
                read.InferenceNodeId = text;
                break;
            default:
                read.SubmittedAt = text;
                break;
        }
    }
}
