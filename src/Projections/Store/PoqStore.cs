using JasperFx.Events.Projections;
using JasperFx.Events;
using JasperFx;
using Marten;
using PoQ.Projections.Detection;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Payouts;
using PoQ.Projections.Replay;
using PoQ.Projections.Verification;
using PoQ.Settlement.Events;
using Weasel.Core;

namespace PoQ.Projections.Store;

/// <summary>
/// The Marten configuration of PoQ's event store: one place, shared by pipeline, status, replay and audit. The events,
/// the task index and the read models are configured here; the pipeline adds its own tables and documents (checkpoints,
/// outbox, trust state) through <c>PipelineStore</c>, so readers never create them.
/// </summary>
public static class PoqStore
{
    /// <summary>The PostgreSQL schema PoQ owns.</summary>
    public const string Schema = "poq";

    /// <summary>
    /// The schema of replay scenarios: apart from the recorded events and the live projections, so writing,
    /// replacing or dropping scenarios cannot touch either.
    /// </summary>
    public const string ScenarioSchema = "poq_scenarios";

    /// <summary>Creates the document store; schema objects are created on first use. <paramref name="extend"/> adds a writer's own schema.</summary>
    public static DocumentStore Create(string connectionString, Action<StoreOptions>? extend = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = Schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.StreamIdentity = StreamIdentity.AsString;

            // Quick append: no per-stream version round trip; each commit appends its own stream.
            options.Events.AppendMode = EventAppendMode.Quick;

            // Tasks are found through the task index, which points at the event that holds them.
            options.Events.EnableUniqueIndexOnEventId = true;
            options.Events.UseBinarySerializer<TasksSettled>(new TaskBatchCodec());
            options.Events.AddEventType<TrustEpochClosed>();
            options.Events.AddEventType<MechanismConfigured>();
            options.Events.AddEventType<Registry.EvaluatorRegistered>();
            options.Events.AddEventType<Registry.EvaluatorKeyRotated>();
            options.Events.AddEventType<Registry.EvaluatorKeyRevoked>();
            options.Events.AddEventType<EvaluatorFlagged>();
            options.Events.AddEventType<DetectionCompleted>();
            options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
            options.Storage.ExtendedSchemaObjects.Add(PoqTables.TaskIndexTable());
            // The reward projections: inline, so they commit with the events they fold (see README, "Projections").
            options.Projections.Add(new NodeLedgerProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new EvaluatorLedgerProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new NodePayoutProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<DeadLetterRecord>().Index(d => d.Reason).Index(d => d.EvaluatorId);
            options.Schema.For<EvaluatorTrust>();
            options.Schema.For<SimulationManifest>();
            options.Schema.For<VerificationRecord>();
            options.Schema.For<ScenarioRun>().DatabaseSchemaName(ScenarioSchema);
            extend?.Invoke(options);
        });
    }
}
