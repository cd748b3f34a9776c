using System.Reflection;

namespace PoQ.Architecture.Tests;

/// <summary>style.md §3: the pure core references no I/O package, directly or through another assembly.</summary>
public class PureCoreReferencesTests
{
    private static readonly string[] Forbidden = ["Akka", "Confluent", "Marten", "Npgsql", "Microsoft.ML.OnnxRuntime", "Testcontainers"];

    public static TheoryData<string> PureAssemblies => ["PoQ.Consensus", "PoQ.Rewards", "PoQ.Simulation", "PoQ.Settlement"];

    /// <summary>
    /// Walks the references of <paramref name="root"/> transitively through PoQ.* assemblies and returns every
    /// reference that is forbidden or is neither PoQ.* nor a framework assembly, with the path that reached it.
    /// </summary>
    internal static IReadOnlyList<string> Violations(Assembly root)
    {
        var violations = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<(Assembly Assembly, string Path)>([(root, root.GetName().Name!)]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.Assembly.GetReferencedAssemblies())
            {
                string name = reference.Name!;
                string path = $"{current.Path} → {name}";
                if (Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)))
                {
                    violations.Add($"{path} (forbidden I/O package)");
                }
                else if (name.StartsWith("PoQ.", StringComparison.Ordinal))
                {
                    if (visited.Add(name))
                    {
                        pending.Enqueue((Assembly.Load(reference), path));
                    }
                }
                else if (!IsFramework(name))
                {
                    violations.Add($"{path} (not a PoQ or framework assembly)");
                }
            }
        }

        return violations;
    }

    private static bool IsFramework(string name) =>
        name is "System" or "mscorlib" or "netstandard"
        || name.StartsWith("System.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void References_PureCoreAssembly_AreOnlyPoQAndFramework(string assemblyName)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        Assert.Empty(Violations(assembly));
    }

    [Fact]
    public void References_PureCoreAssemblies_AreTheOnesBuiltHere() =>
        // Guards against walking an empty set: the consensus assembly is found and does reference the framework.
        Assert.Contains(Assembly.Load(new AssemblyName("PoQ.Consensus")).GetReferencedAssemblies(), r => r.Name == "System.Runtime");

    [Fact]
    public void Violations_AssemblyReferencingThirdPartyPackage_ReportsIt()
    {
        // This test assembly references xunit: the walker must notice (proof that the check can fail).
        var violations = Violations(typeof(PureCoreReferencesTests).Assembly);
        Assert.Contains(violations, v => v.Contains("xunit", StringComparison.OrdinalIgnoreCase));
    }
}
