using JasperFx.Events;
using Marten.Events.Projections;
using Marten;
using PoQ.Projections.Model;
using Weasel.Postgresql.Tables;

namespace PoQ.Projections.Store;

/// <summary>
/// A Marten event projection of settled tasks into a flat table of PoQ's: it owns the table (created with the schema,
/// wiped by Marten's rebuild before the events are replayed) and queues set-based SQL per event.
/// </summary>
public abstract class TasksSettledProjection : EventProjection
{
    /// <summary>Names the projection and registers its tables (each wiped by a rebuild).</summary>
    protected TasksSettledProjection(string name, params Table[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Name = name;
        IncludeType<TasksSettled>();
        foreach (var table in tables)
        {
            SchemaObjects.Add(table);
            Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        }
    }

    /// <inheritdoc />
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is TasksSettled batch)
        {
            ProjectBatch(operations, batch);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Queues the SQL that projects one batch (not named <c>Project</c>: Marten would take that for a conventional method).</summary>
    protected abstract void ProjectBatch(IDocumentOperations operations, TasksSettled batch);
}
