using System.Globalization;
using System.Text;

namespace Postmortem.Core.Rendering;

/// <summary>Dates and times as people read them: <c>2026-11-27 (Fri)</c>, <c>14:05 UTC</c>, <c>1h 25m</c>. Always UTC.</summary>
public static class HumanDate
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary><c>2026-11-27 (Fri)</c>.</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} ({DayNames[(int)date.DayOfWeek]})");

    /// <summary>The UTC date of a moment: <c>2026-11-27 (Fri)</c>.</summary>
    public static string Date(DateTimeOffset at) => Date(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary><c>14:05 UTC</c>.</summary>
    public static string Time(DateTimeOffset at) => Clock(at) + " UTC";

    /// <summary><c>14:05</c> in UTC, for places that name the zone once (a column header).</summary>
    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-27 (Fri) 14:05 UTC</c>.</summary>
    public static string DateTime(DateTimeOffset at) => Date(at) + " " + Time(at);

    /// <summary><c>1h 25m</c>, <c>45m</c>, <c>2d 3h 0m</c>; whole minutes, rounded down; negative spans get a minus sign.</summary>
    public static string Duration(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        var minutes = (long)Math.Floor(Math.Abs(span.TotalMinutes));
        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var rest = minutes % 60;
        var text = days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days}d {hours}h {rest}m")
            : hours > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{hours}h {rest}m")
                : string.Create(CultureInfo.InvariantCulture, $"{rest}m");
        return negative && minutes > 0 ? "-" + text : text;
    }

    /// <summary>Appends <c>HH:mm</c> (UTC) without allocating.</summary>
    internal static void AppendClock(StringBuilder builder, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        AppendTwoDigits(builder, utc.Hour);
        builder.Append(':');
        AppendTwoDigits(builder, utc.Minute);
    }

    private static void AppendTwoDigits(StringBuilder builder, int value)
    {
        builder.Append((char)('0' + (value / 10)));
        builder.Append((char)('0' + (value % 10)));
    }
}
