namespace PoQ.Evaluators;

/// <summary>The kind of task an item belongs to. Wire names: "qa", "summarization" (see <see cref="TaskKindNames"/>).</summary>
public enum TaskKind
{
    Qa,
    Summarization,
}
