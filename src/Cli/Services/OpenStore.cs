using Marten;

namespace PoQ.Cli.Services;

/// <summary>A store <see cref="HistoryStoreOptions.RunAsync"/> opened for a command: its documents, a query session and its connection string.</summary>
/// <param name="Documents">The document store (for writers of read-side documents such as the verification log).</param>
/// <param name="Session">A query session on it.</param>
/// <param name="Connection">The connection string (for the readers that use SQL).</param>
internal sealed record OpenStore(IDocumentStore Documents, IQuerySession Session, string Connection);
