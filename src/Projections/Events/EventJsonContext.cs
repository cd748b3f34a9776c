using System.Text.Json;
using System.Text.Json.Serialization;

namespace PoQ.Projections.Events;

/// <summary>
/// Source-generated reader for the recorded events, with the store's conventions (camelCase, case-insensitive
/// like <c>JsonSerializerDefaults.Web</c>). Replay and audit read whole histories; reflection-based
/// deserialization was the larger part of their time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskFinalized))]
public sealed partial class EventJsonContext : JsonSerializerContext;
