using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Pipeline.Trust;
using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Tests.Trust;

/// <summary>The fold reads back exactly the signals a commit stored: evaluator, close time, task and deviation bits.</summary>
public sealed class TrustSignalCodecTests
{
    [Property(MaxTest = 200)]
    public Property Decode_OfEncode_GivesTheSignalsBitForBit()
    {
        var signal = from evaluator in ArbMap.Default.GeneratorFor<NonNull<string>>()
                     from task in ArbMap.Default.GeneratorFor<NonNull<string>>()
                     from ticks in Gen.Choose(0, int.MaxValue)
                     from deviation in ArbMap.Default.GeneratorFor<double>()
                     select new TrustSignal(evaluator.Get, new DateTimeOffset(630_000_000_000_000_000L + (ticks * 10_000L), TimeSpan.Zero), task.Get, deviation);
        return Prop.ForAll(Gen.ListOf(signal).ToArbitrary(), signals =>
        {
            var decoded = new List<TrustSignal>();
            byte[] body = TrustSignalCodec.Encode(signals.ToList());
            TrustSignalCodec.Decode(body, decoded);
            return decoded.Count == signals.Count() && TrustSignalCodec.CountOf(body) == decoded.Count
                && decoded.Zip(signals).All(p => p.First.EvaluatorId == p.Second.EvaluatorId && p.First.TaskId == p.Second.TaskId
                    && p.First.ClosedAt == p.Second.ClosedAt && BitConverter.DoubleToInt64Bits(p.First.Deviation) == BitConverter.DoubleToInt64Bits(p.Second.Deviation));
        });
    }

    [Fact]
    public void CountOf_AnEmptyBody_IsZero_AndDecodeSaysWhatIsWrong()
    {
        Assert.Equal(0, TrustSignalCodec.CountOf([]));
        Assert.Throws<InvalidDataException>(() => TrustSignalCodec.Decode([], []));
    }

    [Fact]
    public void Decode_OfATruncatedBody_SaysSo()
    {
        byte[] body = TrustSignalCodec.Encode([new TrustSignal("ev-1", DateTimeOffset.UnixEpoch, "t-1", 0.25)]);
        var error = Assert.Throws<InvalidDataException>(() => TrustSignalCodec.Decode(body[..^3], []));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }
}
