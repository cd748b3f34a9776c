using PoQ.Cli.Services;

namespace PoQ.Cli.Tests.Services;

/// <summary>How an options type's default duration is shown as a command-line default.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(200, "200ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(2_000, "2s")]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(3_600_000, "1h")]
    public void Format_WholeUnits_IsTheLargestUnit(long milliseconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(2_000)]
    [InlineData(61_000)]
    [InlineData(7_200_000)]
    public void Format_ParsedBack_IsTheSameDuration(long milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(value, Durations.Parse("--x", Durations.Format(value)).Value);
    }
}
