using System.Reflection;

namespace PoQ.Architecture.Tests;

/// <summary>
/// Issue 11: the wire contract and the services depend on no simulator. The simulated network reaches the topics
/// through PoQ.SimulatedFeed, which maps its messages onto Ingest's contract at the edge.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>The PoQ assemblies <paramref name="root"/> references, directly or through another PoQ assembly.</summary>
    internal static IReadOnlySet<string> Reachable(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("PoQ.", StringComparison.Ordinal)))
            {
                if (seen.Add(reference.Name!))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }

    [Theory]
    [InlineData("PoQ.Ingest", "PoQ.Simulation")]
    [InlineData("PoQ.Hosting", "PoQ.Simulation")]
    [InlineData("PoQ.Pipeline", "PoQ.Simulation")]
    [InlineData("PoQ.Projections", "PoQ.Simulation")]
    public void References_Assembly_DoNotReach(string assembly, string forbidden) =>
        Assert.DoesNotContain(forbidden, Reachable(Assembly.Load(new AssemblyName(assembly))));

    [Fact]
    public void Reachable_SimulatedFeed_ReachesBothSides()
    {
        // Proof that the walk finds what is there: the adapter references the simulator and the contract.
        var reached = Reachable(Assembly.Load(new AssemblyName("PoQ.SimulatedFeed")));
        Assert.Contains("PoQ.Simulation", reached);
        Assert.Contains("PoQ.Ingest", reached);
    }
}
