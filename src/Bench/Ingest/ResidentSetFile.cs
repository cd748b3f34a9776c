using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace PoQ.Bench.Ingest;

/// <summary>
/// /proc/self/statm held open: each read regenerates its one line ("size resident shared text lib data dt", in pages)
/// at offset 0 into a reused buffer. The resident field is the kernel's same count as VmRSS in /proc/self/status, which
/// formats dozens of other fields on every read.
/// </summary>
public sealed class ResidentSetFile : IDisposable
{
    private const string Path = "/proc/self/statm";
    private readonly SafeFileHandle handle;
    private readonly byte[] buffer = new byte[256];

    private ResidentSetFile(SafeFileHandle handle) => this.handle = handle;

    /// <summary>The file opened, or null where it does not exist (not Linux).</summary>
    public static ResidentSetFile? Open()
    {
        try
        {
            return new ResidentSetFile(File.OpenHandle(Path, FileMode.Open, FileAccess.Read));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The resident set now, MiB (NaN when the line cannot be read).</summary>
    public double ReadMib()
    {
        int read;
        try
        {
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return double.NaN;
        }

        return ParseResidentPages(buffer.AsSpan(0, read)) is { } pages ? pages * (double)Environment.SystemPageSize / (1024 * 1024) : double.NaN;
    }

    /// <summary>The second field of a statm line (resident pages); null when the line is malformed.</summary>
    public static long? ParseResidentPages(ReadOnlySpan<byte> line)
    {
        int space = line.IndexOf((byte)' ');
        if (space < 0)
        {
            return null;
        }

        var rest = line[(space + 1)..];
        return Utf8Parser.TryParse(rest, out long pages, out int consumed) && consumed > 0 ? pages : null;
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();
}
