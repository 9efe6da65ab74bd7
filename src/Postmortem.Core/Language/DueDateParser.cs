using System.Globalization;
using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>
/// Reads due dates: ISO (<c>2026-12-05</c>), weekday names (<c>Friday</c>, <c>fri</c>, <c>next Friday</c> — the next
/// such day strictly after today; "next" does not skip a week), <c>today</c>, <c>tomorrow</c>, <c>in 3 days</c> /
/// <c>in 2 weeks</c> / <c>in a month</c>, <c>end of week</c> (Friday), <c>end of month</c> / <c>eom</c>, and month-day
/// forms (<c>Dec 5</c>, <c>5 Dec</c>, <c>December 5th</c>; without a year, the next occurrence on or after today).
/// Slash forms like <c>12/05</c> are ambiguous (5 December or 12 May) and give null.
/// A date in the past is returned as read; refusing it is the caller's job.
/// </summary>
public static partial class DueDateParser
{
    private const string Weekday =
        @"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";

    private const string Month =
        @"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    private const string Count =
        @"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few";

    /// <summary>One date expression (named groups are read by <see cref="Resolve"/>); ends at a word boundary.</summary>
    internal const string Expression =
        @"(?:(?<iso>\d{4}-\d{1,2}-\d{1,2})" +
        @"|(?<today>today|tonight|eod|end\s+of\s+(?:the\s+)?day)" +
        @"|(?<tomorrow>tomorrow|tmrw|tmr)" +
        @"|in\s+(?<n>" + Count + @")\s+(?<unit>(?:business\s+|working\s+)?days?|weeks?|months?)" +
        @"|(?<eow>end\s+of\s+(?:the\s+)?(?<eownext>next\s+)?week|eow)" +
        @"|(?<eom>end\s+of\s+(?:the\s+)?(?<eomnext>next\s+)?month|eom|month[-\s]end)" +
        @"|(?:(?:next|this|coming|this\s+coming)\s+)?(?<wd>" + Weekday + @")\.?" +
        @"|(?<mon>" + Month + @")\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?" +
        @"|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + Month + @")\.?(?:,?\s+(?<year>\d{4}))?" +
        @")(?![\w/-])";

    private static readonly string[] MonthStems = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateOnly? Parse(string text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Whole().Match(text);
        return match.Success ? Resolve(match, today) : null;
    }

    /// <summary>The date a match of <see cref="Expression"/> stands for, or null when it names no real date.</summary>
    internal static DateOnly? Resolve(Match m, DateOnly today)
    {
        if (m.Groups["iso"].Success)
        {
            return DateOnly.TryParseExact(m.Groups["iso"].Value, "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                ? iso
                : null;
        }

        if (m.Groups["today"].Success)
        {
            return today;
        }

        if (m.Groups["tomorrow"].Success)
        {
            return today.AddDays(1);
        }

        if (m.Groups["n"].Success)
        {
            return InCount(CountOf(m.Groups["n"].Value), m.Groups["unit"].Value.ToLowerInvariant(), today);
        }

        if (m.Groups["eow"].Success)
        {
            var friday = today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
            return m.Groups["eownext"].Success ? friday.AddDays(7) : friday;
        }

        if (m.Groups["eom"].Success)
        {
            var month = m.Groups["eomnext"].Success ? today.AddMonths(1) : today;
            return new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month));
        }

        if (m.Groups["wd"].Success)
        {
            var target = WeekdayOf(m.Groups["wd"].Value);
            var ahead = ((int)target - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        if (m.Groups["mon"].Success)
        {
            var month = Array.IndexOf(MonthStems, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            return m.Groups["year"].Success
                ? DateOf(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), month, day)
                : NextOccurrence(month, day, today);
        }

        return null;
    }

    private static DateOnly? InCount(int count, string unit, DateOnly today)
    {
        if (unit.StartsWith("month", StringComparison.Ordinal))
        {
            return today.AddMonths(count);
        }

        if (unit.StartsWith("week", StringComparison.Ordinal))
        {
            return today.AddDays(7 * count);
        }

        if (!unit.StartsWith("business", StringComparison.Ordinal) && !unit.StartsWith("working", StringComparison.Ordinal))
        {
            return today.AddDays(count);
        }

        var date = today;
        for (var left = count; left > 0;)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                left--;
            }
        }

        return date;
    }

    private static int CountOf(string word)
    {
        var w = word.ToLowerInvariant();
        if (int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (w.Contains("couple", StringComparison.Ordinal))
        {
            return 2;
        }

        if (w.Contains("few", StringComparison.Ordinal))
        {
            return 3;
        }

        return w switch
        {
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            _ => 1, // a, an, one
        };
    }

    private static DayOfWeek WeekdayOf(string word) => word[..2].ToLowerInvariant() switch
    {
        "mo" => DayOfWeek.Monday,
        "tu" => DayOfWeek.Tuesday,
        "we" => DayOfWeek.Wednesday,
        "th" => DayOfWeek.Thursday,
        "fr" => DayOfWeek.Friday,
        "sa" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static DateOnly? DateOf(int year, int month, int day) =>
        year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static DateOnly? NextOccurrence(int month, int day, DateOnly today)
    {
        // Eight years always reach a leap year, so "Feb 29" finds one; an impossible day ("Apr 31") finds none.
        for (var year = today.Year; year <= today.Year + 8 && year <= 9999; year++)
        {
            if (DateOf(year, month, day) is { } date && date >= today)
            {
                return date;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:(?:by|due|on|before)\s+)?" + Expression + @"\s*[.!]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();
}
