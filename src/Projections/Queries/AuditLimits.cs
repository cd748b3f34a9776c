namespace PoQ.Projections.Queries;

/// <summary>Bounds of the list sizes an auditor may ask for (CLI options and HTTP query parameters).</summary>
public static class AuditLimits
{
    /// <summary>Default history entries per node role.</summary>
    public const int DefaultHistory = 200;

    /// <summary>Largest history an auditor may request.</summary>
    public const int MaxHistory = 100_000;

    /// <summary>Default number of recent dead letters per evaluator.</summary>
    public const int DefaultRecent = 10;

    /// <summary>Largest number of recent dead letters an auditor may request.</summary>
    public const int MaxRecent = 1_000;

    /// <summary>Nodes per scenario comparison page by default.</summary>
    public const int DefaultScenarioNodes = 100;

    /// <summary>Largest scenario comparison page.</summary>
    public const int MaxScenarioNodes = 1_000;

    /// <summary>Longest id accepted (task, node, evaluator, scenario).</summary>
    public const int MaxIdLength = 200;

    /// <summary>Why an id is unusable, or null when it is fine.</summary>
    public static string? IdProblem(string kind, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return $"{kind} id must not be empty";
        }

        if (id.Length > MaxIdLength)
        {
            return $"{kind} id is {id.Length} characters long: at most {MaxIdLength}";
        }

        return id.Any(char.IsControl) ? $"{kind} id must not contain control characters" : null;
    }

    /// <summary>Why a requested count is out of range, or null when it is within [1, max].</summary>
    public static string? CountProblem(string name, int value, int max) =>
        value < 1 || value > max ? $"{name} = {value}: must be within [1, {max}]" : null;
}
