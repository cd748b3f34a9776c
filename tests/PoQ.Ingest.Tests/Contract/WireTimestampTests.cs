using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Tests.Contract;

/// <summary>The fast path for round-trip timestamps accepts and yields exactly what the general parser does.</summary>
public sealed class WireTimestampTests
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    [Property(MaxTest = 500)]
    public void RoundTripForm_AnyInstantAndOffset_SameAsTheGeneralParser(long ticks, short offsetMinutes, bool asUtcDateTime)
    {
        long clamped = (long)((ulong)ticks % (ulong)(DateTime.MaxValue.Ticks - 2 * TimeSpan.TicksPerDay)) + TimeSpan.TicksPerDay; // any offset keeps it in range
        var offset = TimeSpan.FromMinutes(offsetMinutes % (14 * 60));
        string text = asUtcDateTime
            ? new DateTime(clamped, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture) // "…Z"
            : new DateTimeOffset(clamped, offset).ToString("O", CultureInfo.InvariantCulture); // "…+hh:mm"

        AssertSameAsGeneral(text);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:01.0000000+00:00")]
    [InlineData("2026-01-01T00:00:01.0000000Z")]
    [InlineData("2026-01-01T00:00:01.0000000")] // no offset: UTC assumed
    [InlineData("2026-01-01T02:00:01.0000000+02:00")]
    [InlineData("2026-01-01T00:00:01Z")]
    [InlineData("2026-01-01T00:00:01.5+00:00")]
    [InlineData("2026-01-01 00:00:01")]
    [InlineData("2026-01-01")]
    [InlineData("not a time")]
    [InlineData("")]
    [InlineData("2026-13-01T00:00:01.0000000+00:00")]
    public void OtherForms_FallBackToTheGeneralParser(string text) => AssertSameAsGeneral(text);

    [Fact]
    public void NoOffset_IsTakenAsUtc_AndResultsAreInUtc()
    {
        Assert.True(WireTimestamp.TryParse("2026-01-01T00:00:01.0000000", out var local));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), local);
        Assert.Equal(TimeSpan.Zero, local.Offset);
        Assert.True(WireTimestamp.TryParse("2026-01-01T02:00:01.0000000+02:00", out var shifted));
        Assert.Equal(TimeSpan.Zero, shifted.Offset);
        Assert.Equal(local, shifted);
    }

    private static void AssertSameAsGeneral(string text)
    {
        bool expectedOk = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var expected);
        bool ok = WireTimestamp.TryParse(text, out var value);
        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected.UtcTicks, value.UtcTicks);
        Assert.Equal(expected.Offset, value.Offset);
    }
}
