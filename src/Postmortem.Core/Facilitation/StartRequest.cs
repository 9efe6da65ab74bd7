using Postmortem.Core.Language;
using Postmortem.Core.Sessions;

namespace Postmortem.Core.Facilitation;

/// <summary>The arguments of <c>start [title] [sev:…] [since:…]</c>, or why they could not be read.</summary>
internal sealed record StartRequest(string? Title, Severity Severity, DateTimeOffset? Since, string? Error)
{
    public static StartRequest Parse(string arguments, DateTimeOffset now)
    {
        var severity = Severity.Unknown;
        DateTimeOffset? since = null;
        var title = new List<string>();
        foreach (var word in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word.StartsWith("sev:", StringComparison.OrdinalIgnoreCase))
            {
                var parsed = ParseSeverity(word[4..]);
                if (parsed is null)
                {
                    return Fail($"I can't read the severity `{word}`: use `sev:SEV1`, `sev:SEV2`, `sev:SEV3` or `sev:near-miss`.");
                }

                severity = parsed.Value;
            }
            else if (word.StartsWith("since:", StringComparison.OrdinalIgnoreCase))
            {
                since = WhenParser.ParseSince(word[6..], now);
                if (since is null)
                {
                    return Fail($"I can't read `{word}`: use a duration like `since:3h`, a UTC time like `since:14:05`, or `since:2026-11-20T14:05Z`.");
                }
            }
            else
            {
                title.Add(word);
            }
        }

        return new StartRequest(title.Count == 0 ? null : string.Join(' ', title), severity, since, null);
    }

    public static Severity? ParseSeverity(string value) =>
        value.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) switch
        {
            "sev1" or "1" => Severity.Sev1,
            "sev2" or "2" => Severity.Sev2,
            "sev3" or "3" => Severity.Sev3,
            "nearmiss" => Severity.NearMiss,
            _ => null,
        };

    private static StartRequest Fail(string error) => new(null, Severity.Unknown, null, error);
}
