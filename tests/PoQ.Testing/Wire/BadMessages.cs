using System.Text;
using PoQ.Ingest.Contract;

namespace PoQ.Testing.Wire;

/// <summary>
/// The catalogue of bad messages the parser must refuse, each with its reason and field: encodings, shapes, types,
/// huge and named numbers, duplicated keys, nested garbage, wrong versions, ids no system should accept. The parser
/// tests check each refusal; the dead-letter test sends every one through a running pipeline and checks that it lands
/// on <c>poq.deadletter</c> with that reason while the stream goes on.
/// </summary>
public static class BadMessages
{
    private const string Score = """{"type":"score","scoreId":"KEY-s","taskId":"KEY","evaluatorId":"e-1","score":5,"cost":{"latencyMs":35},"submittedAt":"2026-03-01T00:00:01Z"}""";

    private const string Task = """{"type":"task","taskId":"KEY","taskType":"qa","inferenceNodeId":"inf-1","submittedAt":"2026-03-01T00:00:00Z","cost":{"latencyMs":840},"evaluators":["e-1","e-2"]}""";

    /// <summary>Every kind, in a fixed order; keys are unique (<c>bad-NN</c>).</summary>
    public static IReadOnlyList<BadMessage> All { get; } = Build();

    private static List<BadMessage> Build()
    {
        var all = new List<BadMessage>();
        void Add(string kind, bool onScores, Func<string, string> payload, string reason, string? field)
        {
            string key = $"bad-{all.Count + 1:D2}";
            all.Add(new BadMessage(kind, onScores, key, Encoding.UTF8.GetBytes(payload(key)), reason, field));
        }

        void Bytes(string kind, bool onScores, byte[] payload, string reason)
        {
            string key = $"bad-{all.Count + 1:D2}";
            all.Add(new BadMessage(kind, onScores, key, payload, reason, null));
        }

        string S(string key) => Score.Replace("KEY", key, StringComparison.Ordinal);
        string T(string key) => Task.Replace("KEY", key, StringComparison.Ordinal);
        Func<string, string> ScoreWith(string from, string to) => key => S(key).Replace(from, to, StringComparison.Ordinal);
        Func<string, string> TaskWith(string from, string to) => key => T(key).Replace(from, to, StringComparison.Ordinal);

        // Encodings and shapes: not a JSON object in UTF-8.
        Add("truncated JSON", true, key => S(key)[..40], ReasonCodes.MalformedJson, null);
        Bytes("invalid UTF-8 bytes", true, [0x7B, 0xFF, 0xFE, 0x7D], ReasonCodes.MalformedJson);
        Bytes("UTF-16 with a byte order mark", true, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(S("bad-03"))], ReasonCodes.MalformedJson);
        Bytes("UTF-16 without a byte order mark (NUL bytes)", true, Encoding.Unicode.GetBytes(S("bad-04")), ReasonCodes.MalformedJson);
        Bytes("empty payload", true, [], ReasonCodes.MalformedJson);
        Add("JSON null", true, _ => "null", ReasonCodes.MalformedJson, null);
        Add("JSON array", true, key => "[" + S(key) + "]", ReasonCodes.MalformedJson, null);
        Add("bare string", true, _ => "\"score\"", ReasonCodes.MalformedJson, null);
        Add("nested garbage past the depth limit", true, key => S(key).Replace("\"cost\"", "\"extra\":" + new string('[', 100) + new string(']', 100) + ",\"cost\"", StringComparison.Ordinal), ReasonCodes.MalformedJson, null);
        Add("trailing garbage after the object", true, key => S(key) + "}{", ReasonCodes.MalformedJson, null);
        Add("comment inside the object", true, ScoreWith("\"score\":5", "/* c */\"score\":5"), ReasonCodes.MalformedJson, null);

        // Duplicated keys: which value counts would be the parser's guess.
        Add("duplicated score key", true, ScoreWith("\"score\":5", "\"score\":5,\"score\":9"), ReasonCodes.DuplicateKey, "score");
        Add("duplicated taskId key", false, TaskWith("\"taskType\"", "\"taskId\":\"other\",\"taskType\""), ReasonCodes.DuplicateKey, "taskId");

        // Versions.
        Add("wire version 3 on a v2 pipeline", true, ScoreWith("{\"type\"", "{\"version\":3,\"type\""), ReasonCodes.UnsupportedVersion, "version");
        Add("wire version 0", false, TaskWith("{\"type\"", "{\"version\":0,\"type\""), ReasonCodes.UnsupportedVersion, "version");
        Add("signature not base64", true, ScoreWith("{\"type\"", "{\"signature\":\"not*base64!\",\"type\""), ReasonCodes.BadSignature, "signature");
        Add("signature of 63 bytes", true, ScoreWith("{\"type\"", $"{{\"signature\":\"{Convert.ToBase64String(new byte[63])}\",\"type\""), ReasonCodes.BadSignature, "signature");
        Add("signature of 65 bytes", true, ScoreWith("{\"type\"", $"{{\"signature\":\"{Convert.ToBase64String(new byte[65])}\",\"type\""), ReasonCodes.BadSignature, "signature");
        Add("signature of 200 characters", true, ScoreWith("{\"type\"", $"{{\"signature\":\"{new string('A', 200)}\",\"type\""), ReasonCodes.BadSignature, "signature");
        Add("signature empty", true, ScoreWith("{\"type\"", "{\"signature\":\"\",\"type\""), ReasonCodes.BadSignature, "signature");
        Add("signature as a number", true, ScoreWith("{\"type\"", "{\"signature\":64,\"type\""), ReasonCodes.WrongType, "signature");
        Add("version as a string", true, ScoreWith("{\"type\"", "{\"version\":\"1\",\"type\""), ReasonCodes.WrongType, "version");

        // Message type.
        Add("missing type", true, ScoreWith("\"type\":\"score\",", ""), ReasonCodes.MissingField, "type");
        Add("task on the scores topic", true, T, ReasonCodes.WrongMessageType, "type");
        Add("control character in the type", true, ScoreWith("\"type\":\"score\"", "\"type\":\"sc\\u0000ore\""), ReasonCodes.WrongMessageType, "type");
        Add("type as a number", false, TaskWith("\"type\":\"task\"", "\"type\":7"), ReasonCodes.WrongType, "type");

        // Ids.
        Add("missing scoreId", true, key => S(key).Replace($"\"scoreId\":\"{key}-s\",", "", StringComparison.Ordinal), ReasonCodes.MissingField, "scoreId");
        Add("empty evaluatorId", true, ScoreWith("\"evaluatorId\":\"e-1\"", "\"evaluatorId\":\"\""), ReasonCodes.InvalidValue, "evaluatorId");
        Add("whitespace evaluatorId", true, ScoreWith("\"evaluatorId\":\"e-1\"", "\"evaluatorId\":\"   \""), ReasonCodes.InvalidValue, "evaluatorId");
        Add("control character in an id", true, ScoreWith("\"evaluatorId\":\"e-1\"", "\"evaluatorId\":\"e-\\u0000-1\""), ReasonCodes.InvalidValue, "evaluatorId");
        Add("id longer than 256 characters", true, ScoreWith("\"evaluatorId\":\"e-1\"", $"\"evaluatorId\":\"{new string('e', 300)}\""), ReasonCodes.InvalidValue, "evaluatorId");
        Add("inferenceNodeId as an object", false, TaskWith("\"inferenceNodeId\":\"inf-1\"", "\"inferenceNodeId\":{\"id\":\"inf-1\"}"), ReasonCodes.WrongType, "inferenceNodeId");

        // Scores: numbers that are not scores.
        Add("score missing", true, ScoreWith("\"score\":5,", ""), ReasonCodes.MissingField, "score");
        Add("score null", true, ScoreWith("\"score\":5", "\"score\":null"), ReasonCodes.MissingField, "score");
        Add("score as a word", true, ScoreWith("\"score\":5", "\"score\":\"high\""), ReasonCodes.WrongType, "score");
        Add("score as a boolean", true, ScoreWith("\"score\":5", "\"score\":true"), ReasonCodes.WrongType, "score");
        Add("score as an object", true, ScoreWith("\"score\":5", "\"score\":{\"value\":5}"), ReasonCodes.WrongType, "score");
        Add("NaN spelled as a string", true, ScoreWith("\"score\":5", "\"score\":\"NaN\""), ReasonCodes.ScoreNotFinite, "score");
        Add("Infinity spelled as a string", true, ScoreWith("\"score\":5", "\"score\":\"Infinity\""), ReasonCodes.ScoreNotFinite, "score");
        Add("-Infinity spelled as a string", true, ScoreWith("\"score\":5", "\"score\":\"-Infinity\""), ReasonCodes.ScoreNotFinite, "score");
        Add("number too large for a double", true, ScoreWith("\"score\":5", "\"score\":1e400"), ReasonCodes.ScoreNotFinite, "score");
        Add("huge finite score", true, ScoreWith("\"score\":5", "\"score\":1.7976931348623157e308"), ReasonCodes.ScoreOutOfRange, "score");
        Add("score just above 10", true, ScoreWith("\"score\":5", "\"score\":10.000000001"), ReasonCodes.ScoreOutOfRange, "score");
        Add("negative score", true, ScoreWith("\"score\":5", "\"score\":-0.5"), ReasonCodes.ScoreOutOfRange, "score");

        // Cost and time.
        Add("cost missing", true, ScoreWith(",\"cost\":{\"latencyMs\":35}", ""), ReasonCodes.MissingField, "cost.latencyMs");
        Add("negative latency", true, ScoreWith("\"latencyMs\":35", "\"latencyMs\":-1"), ReasonCodes.InvalidValue, "cost.latencyMs");
        Add("latency as a word", true, ScoreWith("\"latencyMs\":35", "\"latencyMs\":\"fast\""), ReasonCodes.WrongType, "cost.latencyMs");
        Add("cost as an array", false, TaskWith("\"cost\":{\"latencyMs\":840}", "\"cost\":[840]"), ReasonCodes.WrongType, "cost");
        Add("submittedAt not a time", true, ScoreWith("\"2026-03-01T00:00:01Z\"", "\"yesterday\""), ReasonCodes.InvalidValue, "submittedAt");
        Add("submittedAt as a number", true, ScoreWith("\"2026-03-01T00:00:01Z\"", "1772323201"), ReasonCodes.WrongType, "submittedAt");

        // Tasks.
        Add("unknown task type", false, TaskWith("\"qa\"", "\"poetry\""), ReasonCodes.InvalidValue, "taskType");
        Add("control character in the task type", false, TaskWith("\"qa\"", "\"q\\u001ba\""), ReasonCodes.InvalidValue, "taskType");
        Add("no evaluators", false, TaskWith("[\"e-1\",\"e-2\"]", "[]"), ReasonCodes.InvalidValue, "evaluators");
        Add("an evaluator listed twice", false, TaskWith("[\"e-1\",\"e-2\"]", "[\"e-1\",\"e-1\"]"), ReasonCodes.InvalidValue, "evaluators");
        Add("a null evaluator", false, TaskWith("[\"e-1\",\"e-2\"]", "[\"e-1\",null]"), ReasonCodes.InvalidValue, "evaluators");
        Add("evaluators as a string", false, TaskWith("[\"e-1\",\"e-2\"]", "\"e-1\""), ReasonCodes.WrongType, "evaluators");
        return all;
    }
}
