using System.Globalization;
using System.Text;
using PoQ.Bench.Ingest;

namespace PoQ.Pipeline.Tests.Bench;

/// <summary>The bench's resident-set sampler reads /proc/self/statm: the same figure as VmRSS, without formatting /proc/self/status.</summary>
public sealed class ResidentSetFileTests
{
    [Theory]
    [InlineData("1234 567 89 1 0 400 0\n", 567L)]
    [InlineData("1 0 0 0 0 0 0", 0L)]
    [InlineData("", null)]
    [InlineData("1234", null)]
    [InlineData("1234 x 89", null)]
    public void ParseResidentPages_IsTheSecondField_OrNullWhenMalformed(string line, long? expected) =>
        Assert.Equal(expected, ResidentSetFile.ParseResidentPages(Encoding.ASCII.GetBytes(line)));

    [Fact]
    public void ReadMib_AgreesWithVmRssOfProcStatus_AndFollowsAGrowingHeap()
    {
        using var statm = ResidentSetFile.Open();
        Assert.NotNull(statm);

        double before = statm.ReadMib();
        double status = VmRssMib();
        Assert.InRange(Math.Abs(before - status), 0, 16); // two reads a moment apart: the process may move a few pages

        // Touch 256 MiB: the same held file must report it on its next read (it regenerates the line at offset 0).
        byte[][] blocks = [.. Enumerable.Range(0, 64).Select(_ => GC.AllocateUninitializedArray<byte>(4 << 20, pinned: true))];
        foreach (byte[] block in blocks)
        {
            Array.Fill(block, (byte)1);
        }

        double after = statm.ReadMib();
        GC.KeepAlive(blocks);
        Assert.InRange(after - before, 200, double.MaxValue);
    }

    private static double VmRssMib()
    {
        string line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
