using System.Buffers;
using System.Text.Json;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Output;

/// <summary>
/// The bodies of the <c>poq.consensus</c> and <c>poq.rewards</c> messages, written straight from a finalized task: two
/// messages go out for every task, and building a <see cref="ConsensusMessage"/> or <see cref="RewardsMessage"/> (with
/// its lines, a score lookup and the serializer's own buffer) first cost a dozen objects per task on the hot path. The
/// bytes are those the serializer writes for the records (<see cref="OutputJsonContext"/>), property by property in the
/// records' order; a property test holds the two to the same output.
/// </summary>
public static class OutputJson
{
    // One buffer and writer per thread, reset per message: a message is finished (copied out) before the next begins.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    /// <summary>The consensus message of a finalized task.</summary>
    public static byte[] Consensus(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        var settlement = finalized.Settlement;
        var json = Start();
        json.WriteStartObject();
        json.WriteString("type", "consensus");
        json.WriteString("taskId", finalized.TaskId);
        json.WriteNumber("epoch", finalized.Epoch);
        json.WriteString("closedAt", finalized.Facts.ClosedAt);
        json.WriteString("status", settlement.Status);
        if (settlement.Consensus is { } consensus)
        {
            json.WriteNumber("consensus", consensus);
        }
        else
        {
            json.WriteNull("consensus");
        }

        json.WriteString("rule", settlement.Rule);
        json.WriteString("paramsHash", settlement.ParamsHash);
        json.WriteString("mechanismHash", settlement.MechanismHash);
        json.WriteStartArray("evaluators");
        var scores = finalized.Facts.AcceptedScores;
        var verdicts = settlement.Verdicts;
        for (int i = 0; i < verdicts.Count; i++)
        {
            var verdict = verdicts[i];
            json.WriteStartObject();
            json.WriteString("evaluatorId", verdict.EvaluatorId);
            json.WriteNumber("score", ScoreOf(scores, verdict.EvaluatorId));
            json.WriteNumber("weight", verdict.Weight);
            json.WriteBoolean("excluded", verdict.Excluded);
            json.WriteNumber("deviation", verdict.Deviation);
            json.WriteNumber("trustAfter", verdict.TrustAfter);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return Finish(json);
    }

    /// <summary>The rewards message of a task that reached consensus: the inference node's line, then each evaluator's.</summary>
    public static byte[] Rewards(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        var settlement = finalized.Settlement;
        var json = Start();
        json.WriteStartObject();
        json.WriteString("type", "rewards");
        json.WriteString("taskId", finalized.TaskId);
        json.WriteNumber("epoch", finalized.Epoch);
        json.WriteString("rewardParamsHash", settlement.RewardParamsHash);
        json.WriteString("mechanismHash", settlement.MechanismHash);
        json.WriteStartArray("rewards");
        WriteLine(json, finalized.Facts.InferenceNodeId, "inference", settlement.InferenceReward);
        var verdicts = settlement.Verdicts;
        for (int i = 0; i < verdicts.Count; i++)
        {
            WriteLine(json, verdicts[i].EvaluatorId, "evaluator", verdicts[i].Reward);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return Finish(json);
    }

    private static void WriteLine(Utf8JsonWriter json, string nodeId, string role, double amount)
    {
        json.WriteStartObject();
        json.WriteString("nodeId", nodeId);
        json.WriteString("role", role);
        json.WriteNumber("amount", amount);
        json.WriteEndObject();
    }

    // The evaluator's accepted score; evaluator ids are unique within a task, and k is small enough for a scan.
    private static double ScoreOf(IReadOnlyList<RecordedScore> scores, string evaluatorId)
    {
        for (int i = 0; i < scores.Count; i++)
        {
            if (string.Equals(scores[i].EvaluatorId, evaluatorId, StringComparison.Ordinal))
            {
                return scores[i].Score;
            }
        }

        throw new InvalidOperationException($"evaluatorId = '{evaluatorId}': a verdict without an accepted score");
    }

    private static Utf8JsonWriter Start()
    {
        buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        return writer;
    }

    private static byte[] Finish(Utf8JsonWriter json)
    {
        json.Flush();
        return buffer!.WrittenSpan.ToArray();
    }
}
