using System.Reflection;
using PoQ.Ingest.Contract;

namespace PoQ.Architecture.Tests;

/// <summary>Issue 11: the wire contract has one owner — reason codes and topic names are written in PoQ.Ingest.Contract only.</summary>
public sealed class WireContractOwnershipTests
{
    private const string ContractNamespace = "PoQ.Ingest.Contract";

    private const string ContractFolder = "src/Ingest/Contract/";

    // The simulator (owned by the experiments work) names the dead letter each of its faults should earn as data;
    // PoQ.Pipeline.Tests' SimulatedRecordsTests proves every such name is one of ReasonCodes.
    private const string SimulatorFolder = "src/Simulation/";

    /// <summary>The contract's strings, read from their owner so the test follows it.</summary>
    private static readonly string[] ContractStrings = [.. ReasonCodes.All, .. TopicNames.Default.All];

    internal static IEnumerable<string> ConstantOffenders(IEnumerable<Type> types) =>
        from type in types
        where type.Namespace != ContractNamespace && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute))
        from field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
        where field.IsLiteral && field.FieldType == typeof(string) && ContractStrings.Contains((string?)field.GetRawConstantValue())
        select $"{type.FullName}.{field.Name} = \"{field.GetRawConstantValue()}\"";

    internal static IEnumerable<string> LiteralOffenders(string text) =>
        ContractStrings.Where(s => text.Contains($"\"{s}\"", StringComparison.Ordinal));

    [Fact]
    public void Constants_ReasonCodesAndTopicNames_AreDeclaredOnlyInTheContract() =>
        Assert.Empty(ConstantOffenders(PoqAssemblies.All.SelectMany(PoqAssemblies.TypesOf)));

    [Fact]
    public void Sources_ReasonCodeAndTopicLiterals_AppearOnlyInTheContract()
    {
        var offenders = SourceTree.Files("src")
            .Where(f => !SourceTree.Relative(f).StartsWith(ContractFolder, StringComparison.Ordinal)
                && !SourceTree.Relative(f).StartsWith(SimulatorFolder, StringComparison.Ordinal))
            .SelectMany(f => LiteralOffenders(File.ReadAllText(f)).Select(s => $"{SourceTree.Relative(f)}: \"{s}\""))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ConstantOffenders_ACodeDeclaredElsewhere_IsReported() =>
        // Proof that the check can fail: this class declares a reason code outside the contract.
        Assert.Contains(ConstantOffenders([typeof(Elsewhere)]), o => o.Contains("late_score", StringComparison.Ordinal));

    [Fact]
    public void ConstantOffenders_TheContractItself_IsAllowed() =>
        Assert.Empty(ConstantOffenders([typeof(ReasonCodes)]));

    [Fact]
    public void LiteralOffenders_ATopicLiteral_IsReported() =>
        Assert.Equal(["poq.scores"], LiteralOffenders("""var topic = "poq.scores"; var doc = "<c>poq.tasks</c>";"""));

    [Fact]
    public void Sources_Src_AreFound() =>
        // Guards against a vacuous pass: the contract's own file is where the scan looks.
        Assert.Contains(SourceTree.Files("src"), f => SourceTree.Relative(f) == ContractFolder + "ReasonCodes.cs");

    private static class Elsewhere
    {
        public const string Late = "late_score";
    }
}
