using Postmortem.Core.Language;

namespace Postmortem.Core.Tests.Language;

public sealed class WhenParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 16, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("3h", "2026-11-20T13:30:00Z")]
    [InlineData("90m", "2026-11-20T15:00:00Z")]
    [InlineData("2d", "2026-11-18T16:30:00Z")]
    [InlineData("1h30m", "2026-11-20T15:00:00Z")]
    [InlineData("14:05", "2026-11-20T14:05:00Z")]
    [InlineData("17:00", "2026-11-19T17:00:00Z")]
    [InlineData("2026-11-20T14:05Z", "2026-11-20T14:05:00Z")]
    [InlineData("2026-11-20T15:05+01:00", "2026-11-20T14:05:00Z")]
    [InlineData("2026-11-20 14:05", "2026-11-20T14:05:00Z")]
    [InlineData("2026-11-20", "2026-11-20T00:00:00Z")]
    public void Since_values_become_instants(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WhenParser.ParseSince(text, Now));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday-ish")]
    [InlineData("25:00")]
    [InlineData("2026-11-21")]
    [InlineData("h")]
    [InlineData("99999999999d")]
    public void Unreadable_or_future_since_is_null(string text) => Assert.Null(WhenParser.ParseSince(text, Now));

    [Fact]
    public void Clock_time_is_the_latest_one_not_after_now()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero), WhenParser.ParseClock("16:30", Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 16, 31, 0, TimeSpan.Zero), WhenParser.ParseClock("16:31", Now));
    }

    [Fact]
    public void Clock_uses_utc_even_when_now_has_an_offset()
    {
        var localNow = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.FromHours(2)); // 23:00 UTC on the 19th

        Assert.Equal(new DateTimeOffset(2026, 11, 19, 22, 0, 0, TimeSpan.Zero), WhenParser.ParseClock("22:00", localNow));
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("12:60")]
    [InlineData("noon")]
    [InlineData("3h")]
    public void Invalid_clock_is_null(string text) => Assert.Null(WhenParser.ParseClock(text, Now));
}
