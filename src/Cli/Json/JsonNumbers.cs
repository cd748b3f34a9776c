namespace PoQ.Cli.Json;

/// <summary>Numbers as the <c>--json</c> records carry them: JSON has no NaN or infinity, so a figure not measured is null.</summary>
internal static class JsonNumbers
{
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
