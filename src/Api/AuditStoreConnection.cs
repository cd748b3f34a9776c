namespace PoQ.Api;

/// <summary>The event store's connection string, for the raw "is there any history" check.</summary>
/// <param name="ConnectionString">The connection string.</param>
public sealed record AuditStoreConnection(string ConnectionString);
