using System.Globalization;

namespace Postmortem.Slack.Inbound;

/// <summary>Slack's message timestamps (<c>"1596183880.004200"</c>: seconds and microseconds) as instants.</summary>
internal static class SlackTimestamp
{
    private const int FractionDigits = 6;

    public static bool TryParse(string? ts, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(ts))
        {
            return false;
        }

        var dot = ts.IndexOf('.', StringComparison.Ordinal);
        var secondsPart = dot < 0 ? ts.AsSpan() : ts.AsSpan(0, dot);
        var fractionPart = dot < 0 ? [] : ts.AsSpan(dot + 1);
        if (!long.TryParse(secondsPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 1)
        {
            return false;
        }

        long micros = 0;
        if (!fractionPart.IsEmpty)
        {
            var digits = fractionPart.Length > FractionDigits ? fractionPart[..FractionDigits] : fractionPart;
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out micros))
            {
                return false;
            }

            for (var i = digits.Length; i < FractionDigits; i++)
            {
                micros *= 10;
            }
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * TimeSpan.TicksPerMicrosecond);
        return true;
    }

    public static DateTimeOffset Parse(string? ts, string field) =>
        TryParse(ts, out var instant) ? instant : throw new SlackPayloadException($"missing or unreadable {field}");
}
