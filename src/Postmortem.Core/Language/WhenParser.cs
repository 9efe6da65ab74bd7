using System.Globalization;
using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>Reads <c>since:</c> values (a duration like 3h, a clock time, an ISO time) and <c>mark</c> clock times.</summary>
public static partial class WhenParser
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// "3h", "90m", "2d", "1h30m", "14:05", "2026-11-20T14:05Z", "2026-11-20 14:05", "2026-11-20" → an instant not after
    /// <paramref name="now"/> (times without a zone are UTC). Null when unreadable or in the future.
    /// </summary>
    public static DateTimeOffset? ParseSince(string text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        var duration = Duration().Match(value);
        if (duration.Success && (duration.Groups["d"].Success || duration.Groups["h"].Success || duration.Groups["m"].Success))
        {
            var span = TimeSpan.Zero;
            try
            {
                span += TimeSpan.FromDays(Number(duration.Groups["d"]));
                span += TimeSpan.FromHours(Number(duration.Groups["h"]));
                span += TimeSpan.FromMinutes(Number(duration.Groups["m"]));
                return now.ToUniversalTime() - span;
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        if (Clock().IsMatch(value))
        {
            return ParseClock(value, now);
        }

        var iso = value.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase) ? value[..^4] : value;
        if (DateTimeOffset.TryParseExact(iso, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant <= now ? instant : null;
        }

        return null;
    }

    /// <summary>"hh:mm" (UTC) → the latest such instant not after <paramref name="now"/>.</summary>
    public static DateTimeOffset? ParseClock(string text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = Clock().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return null;
        }

        var utcNow = now.ToUniversalTime();
        var candidate = new DateTimeOffset(utcNow.Year, utcNow.Month, utcNow.Day, hours, minutes, seconds, TimeSpan.Zero);
        return candidate <= utcNow ? candidate : candidate.AddDays(-1);
    }

    private static double Number(Group group) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,5})\s*(?:d|days?))?\s*(?:(?<h>\d{1,6})\s*(?:h|hrs?|hours?))?\s*(?:(?<m>\d{1,7})\s*(?:m|mins?|minutes?))?(?:\s+ago)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?\s*(?:z|utc)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clock();
}
