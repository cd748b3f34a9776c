using System.Text.Json.Serialization;

namespace PoQ.Ingest.Contract;

/// <summary>
/// Source-generated System.Text.Json metadata for the wire contract v1 (no reflection on the hot path).
/// Named floating-point literals are accepted so that a producer's "NaN" arrives as NaN and is rejected
/// as <see cref="ReasonCodes.ScoreNotFinite"/> with that reason, rather than as a type error. A member named twice is
/// refused (<see cref="ReasonCodes.DuplicateKey"/>): whichever value the parser kept would be a guess.
/// </summary>
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireTaskMessage))]
[JsonSerializable(typeof(WireScoreMessage))]
[JsonSerializable(typeof(WireRegistryMessage))]
public sealed partial class WireJsonContext : JsonSerializerContext;
