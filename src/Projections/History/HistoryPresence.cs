namespace PoQ.Projections.History;

/// <summary>What a database holds of a PoQ history: the one "history exists" answer (<see cref="HistoryReader.PresenceAsync"/>).</summary>
public enum HistoryPresence
{
    /// <summary>No PoQ event store: no pipeline ever wrote this database (or it is another application's).</summary>
    NoStore,

    /// <summary>A PoQ event store without a recorded task yet (a pipeline started, nothing settled).</summary>
    Empty,

    /// <summary>At least one recorded task.</summary>
    Recorded,
}
