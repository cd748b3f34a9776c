using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Replay;

namespace PoQ.Projections.Store;

/// <summary>The Marten configuration of PoQ's event store: one place, shared by pipeline, status, replay and audit.</summary>
public static class PoqStore
{
    /// <summary>The PostgreSQL schema PoQ owns.</summary>
    public const string Schema = "poq";

    /// <summary>
    /// The schema of replay scenarios: apart from the recorded events and the live projections, so writing,
    /// replacing or dropping scenarios cannot touch either.
    /// </summary>
    public const string ScenarioSchema = "poq_scenarios";

    /// <summary>Creates the document store; schema objects are created on first use.</summary>
    public static DocumentStore Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = Schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.StreamIdentity = StreamIdentity.AsString;

            // Quick append: no per-stream version round trip; each task stream is written once by one writer.
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.AddEventType<TaskFinalized>();
            options.Events.AddEventType<TrustUpdatesApplied>();
            options.Events.AddEventType<MechanismConfigured>();
            options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
            options.Schema.For<PartitionCheckpoint>();
            options.Schema.For<DeadLetterRecord>().Index(d => d.Reason);
            options.Schema.For<NodeLedger>();
            options.Schema.For<EvaluatorTrust>();
            options.Schema.For<PipelineState>();
            options.Schema.For<OutboxBatch>().Identity(b => b.Id);
            options.Schema.For<SimulationManifest>();
            options.Schema.For<ScenarioRun>().DatabaseSchemaName(ScenarioSchema);
            options.Schema.For<ScenarioTask>().DatabaseSchemaName(ScenarioSchema).Index(t => t.Scenario);
        });
    }
}
