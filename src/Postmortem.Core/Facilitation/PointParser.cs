using Postmortem.Core.Sessions;

namespace Postmortem.Core.Facilitation;

/// <summary>Reads the section word of <c>impact</c>, <c>learned</c> and <c>prevent</c> commands.</summary>
internal static class PointParser
{
    public static (PointKind? Kind, string Text) Parse(string verb, string arguments)
    {
        if (verb == "impact")
        {
            return (PointKind.Impact, arguments.Trim());
        }

        var space = arguments.IndexOf(' ', StringComparison.Ordinal);
        var word = (space < 0 ? arguments : arguments[..space]).TrimEnd(':').ToLowerInvariant();
        var text = space < 0 ? "" : arguments[(space + 1)..].Trim();
        PointKind? kind = (verb, word) switch
        {
            ("learned", "well" or "good") => PointKind.WentWell,
            ("learned", "poorly" or "bad") => PointKind.WentPoorly,
            ("learned", "lucky" or "luck") => PointKind.GotLucky,
            ("prevent", "monitoring" or "monitor" or "alerting") => PointKind.Monitoring,
            ("prevent", "process") => PointKind.Process,
            ("prevent", "review" or "followup" or "follow-up") => PointKind.FollowUpReview,
            _ => null,
        };
        return (kind, text);
    }

    public static string Usage(string verb) => verb switch
    {
        "impact" => "Usage: `/postmortem impact <systems, users, KPIs affected>`.",
        "learned" => "Usage: `/postmortem learned <well|poorly|lucky> <text>`, e.g. `/postmortem learned lucky the outage hit at low traffic`.",
        _ => "Usage: `/postmortem prevent <monitoring|process|review> <text>`, e.g. `/postmortem prevent review 2026-12-10 (Thu) with the payments team`.",
    };

    public static string SectionName(PointKind kind) => kind switch
    {
        PointKind.Impact => "impact scope",
        PointKind.WentWell => "what went well",
        PointKind.WentPoorly => "what went poorly",
        PointKind.GotLucky => "where we got lucky",
        PointKind.Monitoring => "monitoring updates",
        PointKind.Process => "process improvements",
        _ => "follow-up reviews",
    };
}
