namespace PoQ.Evaluators;

/// <summary>Wire names of <see cref="TaskKind"/>: stable strings for CSV, JSON and events.</summary>
public static class TaskKindNames
{
    public const string Qa = "qa";
    public const string Summarization = "summarization";

    public static string ToWireName(this TaskKind kind) => kind switch
    {
        TaskKind.Qa => Qa,
        TaskKind.Summarization => Summarization,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown task kind"),
    };

    public static TaskKind Parse(string wireName) => wireName switch
    {
        Qa => TaskKind.Qa,
        Summarization => TaskKind.Summarization,
        _ => throw new FormatException($"unknown task kind \"{wireName}\" (expected \"{Qa}\" or \"{Summarization}\")"),
    };
}
