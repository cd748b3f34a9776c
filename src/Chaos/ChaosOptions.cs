namespace PoQ.Chaos;

/// <summary>How a soak runs.</summary>
public sealed record ChaosOptions
{
    /// <summary>Seeds the input log and every timing (when a fault starts, when the pipeline is killed).</summary>
    public int Seed { get; init; } = 20_261_202;

    /// <summary>Tasks in the input log (each with five scores; 1 % bad messages).</summary>
    public int Tasks { get; init; } = 1_500;

    /// <summary>Partitions of the input topics.</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>Scales the fault durations (1 = the catalogue's 20 s / 30 s).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>How long a run may take to drain after the fault before it counts as not survived.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Problems with the settings, each naming the option.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Tasks is < 10 or > 100_000)
        {
            problems.Add($"tasks = {Tasks}: must be within [10, 100000]");
        }

        if (Partitions is < 1 or > 64)
        {
            problems.Add($"partitions = {Partitions}: must be within [1, 64]");
        }

        if (Scale is <= 0 or > 10 || double.IsNaN(Scale))
        {
            problems.Add($"scale = {Scale}: must be within (0, 10]");
        }

        return problems;
    }
}
