using System.Text.RegularExpressions;
using Postmortem.Core.Sessions;
using P = Postmortem.Core.Language.KeyMomentPatterns;

namespace Postmortem.Core.Language;

/// <summary>
/// Finds the key moment a chat line announces ("we're seeing 500s" → detected), with negation handled.
/// A statement counts; a question, a negation ("not mitigated yet"), an intention ("will roll back") or a failure
/// ("rollback failed", "fix deployed but errors still high") does not. When a line announces several moments,
/// the latest in the incident's life wins (resolved, mitigated, escalated, declared, detected).
/// Alert bots: FIRING/triggered → detected, RESOLVED/recovered → resolved, whichever comes first in the text.
/// </summary>
public static class KeyMomentDetector
{
    private static readonly Rule[] Rules =
    [
        Rule.Of(KeyMoment.Resolved, P.AllClear(), "clear"),
        Rule.Of(KeyMoment.Resolved, P.SubjectResolved(), "resolved"),
        Rule.Of(KeyMoment.Resolved, P.ResolvedOpening(), "resolved"),
        Rule.Of(KeyMoment.Resolved, P.MarkResolved(), "resolved"),
        Rule.Of(KeyMoment.Resolved, P.ResolvingIncident(), "resolving"),
        Rule.Of(KeyMoment.Resolved, P.ClosingIncident(), "closing", "closed"),
        Rule.Of(KeyMoment.Resolved, P.IncidentOver(), "incident"),
        Rule.Of(KeyMoment.Resolved, P.CallItResolved(), "resolved", "over"),
        Rule.Of(KeyMoment.Mitigated, P.MitigatedWord(), "mitigat"),
        Rule.Of(KeyMoment.Mitigated, P.RemedyDone(), "roll", "revert", "fail", "fix", "patch", "workaround", "mitigation", "restart", "flag"),
        Rule.Of(KeyMoment.Mitigated, P.RolledBack(), "rolled", "reverted", "failed"),
        Rule.Of(KeyMoment.Mitigated, P.ShippedFix(), "fix", "patch", "workaround"),
        Rule.Of(KeyMoment.Mitigated, P.FlagOff(), "flag"),
        Rule.Of(KeyMoment.Mitigated, P.SymptomEasing(), "normal", "baseline", "online", "back down", "back under", "recover", "dropp", "going down", "coming down", "stabili", "subsid", "flat", "good", "better", "healthy", "stable", "green"),
        Rule.Of(KeyMoment.Mitigated, P.BleedingStopped(), "stopped"),
        Rule.Of(KeyMoment.Escalated, P.Escalating(), "escalat"),
        Rule.Of(KeyMoment.Escalated, P.PagingSomeone(), "paging", "paged"),
        Rule.Of(KeyMoment.Escalated, P.BringingIn(), "pull", "bring", "brought", "loop", "roped", "roping"),
        Rule.Of(KeyMoment.Escalated, P.VendorTicket(), "ticket", "case"),
        Rule.Of(KeyMoment.Declared, P.Declaring(), "declar"),
        Rule.Of(KeyMoment.Declared, P.SeverityDeclared(), "declared", "opened", "called"),
        Rule.Of(KeyMoment.Declared, P.IncidentDeclared(), "incident"),
        Rule.Of(KeyMoment.Declared, P.NowASeverity(), "sev", "p0", "p1", "p2", "p3", "p4", "p5"),
        Rule.Of(KeyMoment.Declared, P.OpeningIncident(), "incident"),
        Rule.Of(KeyMoment.Detected, P.SeeingSymptom(), "5xx", "50", "51", "52", "53", "4xx", "error", "exception", "timeout", "time-out", "latency", "failure", "spike", "crash", "oom", "restarts", "degradation", "outage", "packet loss"),
        Rule.Of(KeyMoment.Detected, P.ElevatedSymptom(), "5xx", "50", "51", "52", "53", "4xx", "error", "exception", "timeout", "time-out", "latency", "failure", "spike", "crash", "oom", "restarts", "degradation", "outage", "packet loss", "cpu", "memory", "load", "p9", "response time", "queue depth", "lag"),
        Rule.Of(KeyMoment.Detected, P.SymptomRising(), "spik", "climb", "rising", "skyrocket", "roof", "elevated", "increasing", "jumped", "doubled", "tripled", "exploding", "way up", "going up"),
        Rule.Of(KeyMoment.Detected, P.IsDown(), "down", "degraded", "unreachable", "unavailable", "broken", "failing", "erroring", "timing out", "flapping", "looping", "fire", "melting", "offline", "unhealthy"),
        Rule.Of(KeyMoment.Detected, P.ContractedDown(), "down", "degraded", "unreachable", "unavailable", "broken", "failing", "erroring", "timing out", "flapping", "fire", "offline"),
        Rule.Of(KeyMoment.Detected, P.Saturated(), "pegged", "maxed", "saturated", "100", "out of"),
        Rule.Of(KeyMoment.Detected, P.Crashing(), "oom", "crash", "panic"),
        Rule.Of(KeyMoment.Detected, P.ReturningErrors(), "returning", "throwing", "serving", "spewing"),
        Rule.Of(KeyMoment.Detected, P.CustomersReporting(), "customer", "user", "support", "merchant"),
        Rule.Of(KeyMoment.Detected, P.GotPaged(), "paged", "pager"),
        Rule.Of(KeyMoment.Detected, P.AlertFiring(), "firing", "fired", "went off", "going off", "triggered", "tripped"),
        Rule.Of(KeyMoment.Detected, P.LooksLikeOutage(), "outage", "incident", "problem", "issue"),
        Rule.Of(KeyMoment.Detected, P.CannotUse(), false, "can't", "can’t", "cannot", "can not", "unable", "able to"),
        Rule.Of(KeyMoment.Detected, P.NotResponding(), false, "loading", "responding", "reachable", "available"),
    ];

    private static readonly StemIndex Index = new(Rules.Select(r => r.StemWords).ToArray());

    public static KeyMoment? Detect(string text, bool isAlert)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan();
        if (isAlert && AlertStatus(text) is { } status)
        {
            return status;
        }

        var candidates = Index.RulesIn(span);
        return candidates == 0 ? null : Run(span, candidates);
    }

    /// <summary>The rules without the cheap word pre-check (tests use it to prove the pre-check never hides a moment).</summary>
    internal static KeyMoment? DetectWithoutPrecheck(ReadOnlySpan<char> text) => Run(text, ulong.MaxValue);

    /// <summary>Runs the rules whose bit is set in <paramref name="candidates"/>, in order.</summary>
    private static KeyMoment? Run(ReadOnlySpan<char> text, ulong candidates)
    {
        for (var r = 0; r < Rules.Length; r++)
        {
            if ((candidates & (1UL << r)) == 0)
            {
                continue;
            }

            var rule = Rules[r];
            foreach (var m in rule.Pattern.EnumerateMatches(text))
            {
                if (Holds(text, m.Index, m.Index + m.Length, rule))
                {
                    return rule.Moment;
                }
            }
        }

        return null;
    }

    private static KeyMoment? AlertStatus(string text)
    {
        var fire = P.AlertFiringStatus().Match(text);
        var ok = P.AlertOkStatus().Match(text);
        return (fire.Success, ok.Success) switch
        {
            (true, true) => fire.Index <= ok.Index ? KeyMoment.Detected : KeyMoment.Resolved,
            (true, false) => KeyMoment.Detected,
            (false, true) => KeyMoment.Resolved,
            _ => null,
        };
    }

    private static bool Holds(ReadOnlySpan<char> text, int start, int end, Rule rule)
    {
        var clauseStart = ClauseStart(text, start);
        var clauseEnd = ClauseEnd(text, end);
        if (clauseEnd < text.Length && text[clauseEnd] == '?')
        {
            return false;
        }

        if (P.QuestionOpening().IsMatch(text[clauseStart..end]))
        {
            return false;
        }

        var scope = rule.CheckInside ? text[clauseStart..end] : text[clauseStart..start];
        if (P.Negation().IsMatch(scope) || P.Intention().IsMatch(scope))
        {
            return false;
        }

        if (rule.Moment is KeyMoment.Detected && P.Ongoing().IsMatch(text[clauseStart..end]))
        {
            return false;
        }

        if (rule.Moment is KeyMoment.Mitigated or KeyMoment.Resolved)
        {
            var after = text[end..SentenceEnd(text, end)];
            if (P.Failure().IsMatch(after))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int i) => text[i] switch
    {
        ',' or ';' or '!' or '?' or '\n' or '(' or ')' or '—' or '–' => true,
        '.' or ':' => i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]),
        _ => false,
    };

    private static int ClauseStart(ReadOnlySpan<char> text, int start)
    {
        var i = start - 1;
        while (i >= 0 && !IsBoundary(text, i))
        {
            i--;
        }

        var clauseStart = i + 1;
        var cut = clauseStart;
        foreach (var word in P.ClauseWord().EnumerateMatches(text[clauseStart..start]))
        {
            cut = clauseStart + word.Index + word.Length;
        }

        return cut;
    }

    private static int ClauseEnd(ReadOnlySpan<char> text, int end)
    {
        var i = end;
        while (i < text.Length && !IsBoundary(text, i))
        {
            i++;
        }

        var rest = text[end..i];
        foreach (var word in P.ClauseWord().EnumerateMatches(rest))
        {
            return end + word.Index;
        }

        return i;
    }

    private static int SentenceEnd(ReadOnlySpan<char> text, int end)
    {
        for (var i = end; i < text.Length; i++)
        {
            if (text[i] is '!' or '?' or ';' or '\n' || (text[i] == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>One wording of a moment; every match contains one of <c>StemWords</c>, which are cheap to look for first.</summary>
    private sealed record Rule(KeyMoment Moment, Regex Pattern, bool CheckInside, string[] StemWords)
    {
        public static Rule Of(KeyMoment moment, Regex pattern, params string[] stems) => Of(moment, pattern, true, stems);

        public static Rule Of(KeyMoment moment, Regex pattern, bool checkInside, params string[] stems) =>
            new(moment, pattern, checkInside, stems);
    }
}
