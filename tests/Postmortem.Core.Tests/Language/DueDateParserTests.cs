using System.Globalization;
using Postmortem.Core.Language;
using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

public sealed class DueDateParserTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 18); // a Wednesday

    [Fact]
    public void Labelled_due_dates_are_all_read_correctly()
    {
        var rows = LabelledTable.Read("due-dates.tsv");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var expected = row.Fields[0] == "null" ? (DateOnly?)null : DateOnly.ParseExact(row.Fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var actual = DueDateParser.Parse(row.Fields[1], Today);
            if (actual != expected)
            {
                failures.Add($"line {row.Line}: expected {row.Fields[0]}, got {actual?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null"}: {row.Fields[1]}");
            }
        }

        LabelledTable.Report(output, "due-dates.tsv", rows.Count, failures);
        Assert.True(rows.Count >= 25);
        Assert.Empty(failures);
    }

    [Fact]
    public void Weekday_named_on_that_day_means_a_week_later()
    {
        var friday = new DateOnly(2026, 11, 20);

        Assert.Equal(new DateOnly(2026, 11, 27), DueDateParser.Parse("Friday", friday));
    }

    [Fact]
    public void Past_date_is_returned_as_read() =>
        Assert.Equal(new DateOnly(2026, 1, 2), DueDateParser.Parse("2026-01-02", Today));

    [Fact]
    public void Month_day_already_passed_this_year_means_next_year() =>
        Assert.Equal(new DateOnly(2027, 11, 17), DueDateParser.Parse("Nov 17", Today));

    [Fact]
    public void End_of_week_on_a_saturday_is_the_next_friday() =>
        Assert.Equal(new DateOnly(2026, 11, 27), DueDateParser.Parse("end of week", new DateOnly(2026, 11, 21)));

    [Theory]
    [InlineData("12/05")]
    [InlineData("5/12/2026")]
    public void Slash_dates_are_ambiguous(string text) => Assert.Null(DueDateParser.Parse(text, Today));
}
