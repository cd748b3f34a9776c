using System.Reflection;

namespace PoQ.Architecture.Tests;

/// <summary>Every assembly built from src/: the PoQ.* assemblies beside this test (the CLI reference copies them all).</summary>
internal static class PoqAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } = Load();

    private static List<Assembly> Load() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "PoQ.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .ToList();

    /// <summary>The assembly's types that loaded (a type whose dependency is absent is skipped, not fatal).</summary>
    public static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
