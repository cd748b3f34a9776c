using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Settlement.Digest;

namespace PoQ.Settlement.Tests.Digest;

public sealed class BufferedSha256Tests
{
    // Pieces from empty to larger than the 32 KiB buffer, so a run crosses the buffer's edge and takes the direct path.
    private static Gen<byte[]> Piece { get; } =
        from length in Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(1_000, 9_000), Gen.Choose(30_000, 70_000))
        from seed in Gen.Choose(0, int.MaxValue)
        select Bytes(length, seed);

    // Invariant: buffering changes the cost, never the digest — stores recorded before it still verify.
    [Property(MaxTest = 200)]
    public Property Digest_AnySequenceOfPieces_EqualsSha256OfTheirConcatenation() =>
        Prop.ForAll(Gen.ListOf(Piece).ToArbitrary(), pieces =>
        {
            using var buffered = new BufferedSha256();
            foreach (var piece in pieces)
            {
                buffered.Append(piece);
            }

            return buffered.FinishHex() == Convert.ToHexStringLower(SHA256.HashData(pieces.SelectMany(p => p).ToArray()));
        });

    [Fact]
    public void AppendTerminated_WritesUtf8AndAZeroByte_AndAppendInt64LittleEndian()
    {
        string longText = new('é', 20_000); // 40 KB of UTF-8: larger than the buffer
        using var buffered = new BufferedSha256();
        buffered.AppendTerminated("ev-1");
        buffered.AppendInt64(0x0102030405060708);
        buffered.AppendTerminated(longText);
        buffered.AppendTerminated("");

        byte[] expected = [.. Encoding.UTF8.GetBytes("ev-1"), 0, 8, 7, 6, 5, 4, 3, 2, 1, .. Encoding.UTF8.GetBytes(longText), 0, 0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), buffered.FinishHex());
    }

    [Fact]
    public void Current_CanBeReadBetweenAppends()
    {
        using var buffered = new BufferedSha256();
        buffered.Append([1, 2, 3]);
        var first = buffered.Current();
        buffered.Append([4]);

        Assert.Equal(SHA256.HashData([1, 2, 3]), first);
        Assert.Equal(SHA256.HashData([1, 2, 3, 4]), buffered.Current());
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
