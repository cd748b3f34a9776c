using FsCheck.Xunit;
using PoQ.Projections.Ledgers;

namespace PoQ.Replay.Tests;

/// <summary>A commit's ledger deltas as stored: what is decoded is what was encoded, exactly; a damaged body is refused.</summary>
public sealed class LedgerCodecTests
{
    [Property(MaxTest = 30)]
    public void NodeDeltas_RoundTrip_Exactly(int seed)
    {
        var deltas = LedgerDeltaSamples.NodeCommits(seed, 1)[0];

        var decoded = NodeLedgerCodec.Decode(NodeLedgerCodec.Encode(deltas)).ToList();

        Assert.Equal(LedgerDeltaSamples.Rows(deltas), LedgerDeltaSamples.Rows(decoded));
        Assert.Equal(deltas.Select(d => d.Id), decoded.Select(d => d.Id));
    }

    [Property(MaxTest = 30)]
    public void EvaluatorDeltas_RoundTrip_Exactly_NullsIncluded(int seed)
    {
        var deltas = LedgerDeltaSamples.EvaluatorCommits(seed, 1)[0];

        var decoded = EvaluatorLedgerCodec.Decode(EvaluatorLedgerCodec.Encode(deltas)).ToList();

        Assert.Equal(LedgerDeltaSamples.Rows(deltas), LedgerDeltaSamples.Rows(decoded));
        Assert.Equal(deltas.Count(d => d.Trust is null), decoded.Count(d => d.Trust is null));
    }

    [Fact]
    public void Decode_TruncatedOrForeignBody_IsInvalidDataNamingTheLedger()
    {
        byte[] body = NodeLedgerCodec.Encode(LedgerDeltaSamples.NodeCommits(3, 1)[0]);

        var truncated = Assert.Throws<InvalidDataException>(() => NodeLedgerCodec.Decode(body[..(body.Length / 2)]));
        Assert.StartsWith("node ledger deltas: the body ends early", truncated.Message, StringComparison.Ordinal);
        body[0] = 9;
        var foreign = Assert.Throws<InvalidDataException>(() => NodeLedgerCodec.Decode(body));
        Assert.Equal("node ledger deltas: format 9, expected 1", foreign.Message);
        Assert.Throws<InvalidDataException>(() => EvaluatorLedgerCodec.Decode([1, 5]));
    }
}
