using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace PoQ.Projections.Model;

/// <summary>
/// Reads <see cref="BinaryWriter"/>'s encoding (7-bit length-prefixed UTF-8 strings, little-endian numbers) from a span,
/// without a stream. Strings that repeat across tasks — evaluator and node ids, rule names, hashes, reasons — come from a
/// per-thread table instead of a new allocation each time: a page of ten thousand tasks holds some two hundred thousand
/// such strings, and decoding them was most of the reader's allocation.
/// </summary>
internal ref struct BatchReader(ReadOnlySpan<byte> data)
{
    private const int TableLimit = 16_384;

    [ThreadStatic]
    private static Dictionary<ulong, string>? table;

    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position >= data.Length;

    public byte ReadByte() => data[position++];

    public bool ReadBoolean() => ReadByte() != 0;

    public int ReadInt32()
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        position += 4;
        return value;
    }

    public long ReadInt64()
    {
        long value = BinaryPrimitives.ReadInt64LittleEndian(data[position..]);
        position += 8;
        return value;
    }

    public double ReadDouble()
    {
        double value = BinaryPrimitives.ReadDoubleLittleEndian(data[position..]);
        position += 8;
        return value;
    }

    public int Read7BitEncodedInt()
    {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("bad 7-bit encoded length");
    }

    /// <summary>A string seen once per task (task and score ids): allocated.</summary>
    public string ReadString() => Encoding.UTF8.GetString(Bytes());

    /// <summary>A string that repeats across tasks: taken from the thread's table when it was seen before.</summary>
    public string ReadShared()
    {
        var bytes = Bytes();
        if (bytes.Length > 64)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        table ??= new Dictionary<ulong, string>();
        ulong key = Key(bytes);
        ref string? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out bool exists);
        if (exists && Matches(slot!, bytes))
        {
            return slot!;
        }

        string value = Encoding.UTF8.GetString(bytes);
        if (!exists)
        {
            slot = value;
            if (table.Count > TableLimit)
            {
                table.Clear();
            }
        }

        return value;
    }

    /// <summary>Skips a string.</summary>
    public void SkipString() => _ = Bytes();

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => position += count;

    /// <summary>Reads <paramref name="count"/> raw bytes into a new array.</summary>
    public byte[] ReadBytes(int count)
    {
        var bytes = data.Slice(position, count).ToArray();
        position += count;
        return bytes;
    }

    private ReadOnlySpan<byte> Bytes()
    {
        int length = Read7BitEncodedInt();
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    // FNV-1a over the bytes and the length: collisions are checked by Matches, so the key only has to spread well.
    private static ulong Key(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL ^ (ulong)bytes.Length;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static bool Matches(string value, ReadOnlySpan<byte> bytes)
    {
        if (value.Length > bytes.Length)
        {
            return false;
        }

        Span<byte> encoded = stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        int written = Encoding.UTF8.GetBytes(value, encoded);
        return encoded[..written].SequenceEqual(bytes);
    }
}
