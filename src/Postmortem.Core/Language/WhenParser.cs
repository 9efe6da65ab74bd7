namespace Postmortem.Core.Language;

/// <summary>Reads <c>since:</c> values (a duration like 3h, a clock time, an ISO time) and <c>mark</c> clock times.</summary>
public static class WhenParser
{
    /// <summary>"3h", "90m", "2d", "14:05", "2026-11-20T14:05Z", "2026-11-20 14:05" → an instant before <paramref name="now"/>.</summary>
    public static DateTimeOffset? ParseSince(string text, DateTimeOffset now) => null;

    /// <summary>"hh:mm" (UTC) → the latest such instant not after <paramref name="now"/>.</summary>
    public static DateTimeOffset? ParseClock(string text, DateTimeOffset now) => null;
}
