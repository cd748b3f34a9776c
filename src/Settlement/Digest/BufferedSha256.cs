using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PoQ.Settlement.Digest;

/// <summary>
/// SHA-256 over a stream of small pieces, gathered into a buffer and handed to the hash a buffer at a time. The digest is
/// the same as appending each piece on its own; what changes is the cost: every <see cref="IncrementalHash.AppendData(ReadOnlySpan{byte})"/>
/// is a call into OpenSSL (which also clears its error queue), and a trust fold appends four pieces of 8–40 bytes per
/// signal — 400k calls for an epoch of 100k signals, on the path the lanes wait on at an epoch's end.
/// </summary>
public sealed class BufferedSha256 : IDisposable
{
    private const int Capacity = 32 * 1024;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] buffer = new byte[Capacity];
    private int used;

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length > Capacity - used)
        {
            Flush();
            if (data.Length > Capacity)
            {
                hash.AppendData(data);
                return;
            }
        }

        data.CopyTo(buffer.AsSpan(used));
        used += data.Length;
    }

    /// <summary>Appends <paramref name="value"/> as 8 little-endian bytes.</summary>
    public void AppendInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Append(bytes);
    }

    /// <summary>Appends <paramref name="text"/> as UTF-8 followed by a zero byte (so "ab"+"c" and "a"+"bc" differ).</summary>
    public void AppendTerminated(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        if (length > Capacity - used)
        {
            Flush();
        }

        if (length <= Capacity - used)
        {
            int written = Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
            buffer[used + written] = 0;
            used += written + 1;
            return;
        }

        var bytes = new byte[length];
        int count = Encoding.UTF8.GetBytes(text, bytes);
        bytes[count] = 0;
        hash.AppendData(bytes.AsSpan(0, count + 1));
    }

    /// <summary>The digest of everything appended so far (appending may go on).</summary>
    public byte[] Current()
    {
        Flush();
        return hash.GetCurrentHash();
    }

    /// <summary>The digest of everything appended, as lowercase hex; the hash starts over empty.</summary>
    public string FinishHex()
    {
        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose() => hash.Dispose();

    private void Flush()
    {
        if (used > 0)
        {
            hash.AppendData(buffer.AsSpan(0, used));
            used = 0;
        }
    }
}
