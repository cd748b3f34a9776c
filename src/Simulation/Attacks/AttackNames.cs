namespace PoQ.Simulation.Attacks;

/// <summary>Stable names of the attacks (CSV column values, CLI options).</summary>
public static class AttackNames
{
    /// <summary>The attacks of the robustness sweep, paper's four first.</summary>
    public static IReadOnlyList<AttackKind> Sweep { get; } =
        [AttackKind.Noise, AttackKind.Boost, AttackKind.Sabotage, AttackKind.Intermittent, AttackKind.Collusion, AttackKind.Copy];

    /// <summary>The wire name of an attack.</summary>
    public static string Name(AttackKind kind) => kind switch
    {
        AttackKind.None => "none",
        AttackKind.Noise => "noise",
        AttackKind.Boost => "boost",
        AttackKind.Sabotage => "sabotage",
        AttackKind.Intermittent => "intermittent",
        AttackKind.Collusion => "collusion",
        AttackKind.Copy => "copy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown attack"),
    };

    /// <summary>Parses a wire name; throws naming the accepted values.</summary>
    public static AttackKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<AttackKind>())
        {
            if (Name(kind) == name)
            {
                return kind;
            }
        }

        throw new ArgumentException($"unknown attack '{name}': expected one of {string.Join(", ", Enum.GetValues<AttackKind>().Select(Name))}", nameof(name));
    }
}
