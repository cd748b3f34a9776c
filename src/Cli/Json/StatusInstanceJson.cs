using System.Text.Json.Serialization;

namespace PoQ.Cli.Json;

/// <summary>A running <c>poq run</c> instance and its outages, in <see cref="StatusJson"/>.</summary>
internal sealed record StatusInstanceJson(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("database_unavailable_since")] DateTimeOffset? DatabaseUnavailableSince,
    [property: JsonPropertyName("broker_unavailable_since")] DateTimeOffset? BrokerUnavailableSince);
