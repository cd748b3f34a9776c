using Marten;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Trust;
using PoQ.Projections.Store;

namespace PoQ.Pipeline;

/// <summary>
/// The event store as the pipeline writes it: <see cref="PoqStore"/> plus the pipeline's own tables and documents
/// (partition checkpoints, outbox, trust signals, trust state), which only the pipeline reads and writes. Every store a
/// pipeline commits through is made here; readers use <see cref="PoqStore.Create"/> and never create these objects.
/// </summary>
public static class PipelineStore
{
    /// <summary>Creates the pipeline's document store; schema objects are created on first use.</summary>
    public static DocumentStore Create(string connectionString) => PoqStore.Create(connectionString, Extend);

    private static void Extend(StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(CheckpointTable.Definition());
        options.Storage.ExtendedSchemaObjects.Add(OutboxTable.Definition());
        options.Storage.ExtendedSchemaObjects.Add(TrustSignalTable.Definition());
        options.Storage.ExtendedSchemaObjects.Add(Commit.SignatureIndex.Definition());
        options.Schema.For<SequentialTrustState>();
        options.Schema.For<TrustSnapshotDocument>().Identity(d => d.Id);
        options.Schema.For<TrustEpochState>();
    }
}
