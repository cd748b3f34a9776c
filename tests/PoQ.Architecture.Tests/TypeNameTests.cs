namespace PoQ.Architecture.Tests;

/// <summary>
/// Issue 11: no two public types in src/ share a simple name, so a name found in a stack trace, a log or a review means
/// one thing and no file needs an alias or a namespace prefix to tell two apart. Nested types are left out: they are
/// always read through their outer type (<c>LatencyRun.Result</c>).
/// </summary>
public sealed class TypeNameTests
{
    internal static IEnumerable<string> Clashes(IEnumerable<Type> types) =>
        from type in types
        where type.IsPublic
        group type by SimpleName(type) into named
        where named.Select(t => t.FullName).Distinct().Count() > 1
        orderby named.Key
        select $"{named.Key}: {string.Join(", ", named.Select(t => $"{t.FullName} ({t.Assembly.GetName().Name})").Order(StringComparer.Ordinal))}";

    // Generic arity is part of the CLR name (`Parsed`1`); a clash is about what a reader sees.
    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    [Fact]
    public void PublicTypes_InSrc_HaveDistinctSimpleNames() =>
        Assert.Empty(Clashes(PoqAssemblies.All.SelectMany(PoqAssemblies.TypesOf)));

    [Fact]
    public void PublicTypes_AreFoundInEveryAssembly() =>
        // Guards against a vacuous pass: the composition root's assemblies are all loaded.
        Assert.Superset(
            new HashSet<string>(["PoQ.Api", "PoQ.Consensus", "PoQ.Ingest", "PoQ.Pipeline", "PoQ.Projections", "PoQ.Settlement", "PoQ.Simulation"]),
            PoqAssemblies.All.Select(a => a.GetName().Name!).ToHashSet());

    [Fact]
    public void Clashes_TwoTypesWithOneName_AreReported() =>
        Assert.Single(Clashes([typeof(System.Threading.Timer), typeof(System.Timers.Timer)]));

    [Fact]
    public void Clashes_DistinctNames_AreNone() =>
        Assert.Empty(Clashes([typeof(System.Threading.Timer), typeof(TypeNameTests)]));
}
