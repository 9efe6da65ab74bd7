using Postmortem.Core.Rendering;

namespace Postmortem.Core.Tests.Rendering;

public class HumanDateTests
{
    [Fact]
    public void Date_shows_iso_date_with_weekday() =>
        Assert.Equal("2026-11-27 (Fri)", HumanDate.Date(new DateOnly(2026, 11, 27)));

    [Fact]
    public void Times_are_shown_in_utc_with_the_zone()
    {
        var at = new DateTimeOffset(2026, 11, 28, 1, 5, 0, TimeSpan.FromHours(11));

        Assert.Equal("14:05 UTC", HumanDate.Time(at));
        Assert.Equal("2026-11-27 (Fri) 14:05 UTC", HumanDate.DateTime(at));
        Assert.Equal("2026-11-27 (Fri)", HumanDate.Date(at));
    }

    [Theory]
    [InlineData(85, "1h 25m")]
    [InlineData(45, "45m")]
    [InlineData(0, "0m")]
    [InlineData(60, "1h 0m")]
    [InlineData(1563, "1d 2h 3m")]
    [InlineData(-5, "-5m")]
    public void Durations_are_hours_and_minutes(int minutes, string expected) =>
        Assert.Equal(expected, HumanDate.Duration(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Durations_round_down_to_whole_minutes() =>
        Assert.Equal("2m", HumanDate.Duration(TimeSpan.FromSeconds(179)));
}
