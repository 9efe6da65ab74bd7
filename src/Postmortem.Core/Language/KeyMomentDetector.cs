using System.Buffers;
using System.Text.RegularExpressions;
using Postmortem.Core.Sessions;

namespace Postmortem.Core.Language;

/// <summary>
/// Finds the key moment a chat line announces ("we're seeing 500s" → detected), with negation handled.
/// A statement counts; a question, a negation ("not mitigated yet"), an intention ("will roll back") or a failure
/// ("rollback failed", "fix deployed but errors still high") does not. When a line announces several moments,
/// the latest in the incident's life wins (resolved, mitigated, escalated, declared, detected).
/// Alert bots: FIRING/triggered → detected, RESOLVED/recovered → resolved, whichever comes first in the text.
/// </summary>
public static partial class KeyMomentDetector
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Every rule needs one of these words, so a line with none of them is skipped without running a regex.</summary>
    private static readonly SearchValues<string> Stems = SearchValues.Create(
    [
        // resolved
        "resolv", "clear", "incident", "sev", "outage", "issue", "call",
        // mitigated
        "mitigat", "roll", "revert", "fail", "fix", "patch", "workaround", "restart", "flag", "normal", "baseline",
        "recover", "drop", "down", "stab", "health", "green", "subsid", "flat", "look", "online", "bleed", "impact",
        // escalated
        "escalat", "paging", "paged", "pull", "bring", "brought", "loop", "roped", "roping", "ticket", "case",
        // declared
        "declar", "p0", "p1", "p2", "p3", "p4",
        // detected
        "5xx", "50", "52", "4xx", "error", "exception", "timeout", "time-out", "timing out", "latency", "failure",
        "spik", "elevated", "increas", "high", "alert", "alarm", "crash", "oom", "degrad", "cpu", "memory", "load",
        "p9", "response time", "queue", "lag", "unreachable", "unavailable", "broken", "erroring", "flapping", "fire",
        "melting", "offline", "unhealthy", "can't", "can’t", "cannot", "can not", "unable", "able to", "respond",
        "reach", "avail", "customer", "user", "support", "merchant", "pager", "firing", "problem",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly Rule[] Rules =
    [
        new(KeyMoment.Resolved, ResolvedPattern(), true),
        new(KeyMoment.Mitigated, MitigatedPattern(), true),
        new(KeyMoment.Escalated, EscalatedPattern(), true),
        new(KeyMoment.Declared, DeclaredPattern(), true),
        new(KeyMoment.Detected, DetectedPattern(), true),
        new(KeyMoment.Detected, BrokenForUsersPattern(), false),
    ];

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

        return span.IndexOfAny(Stems) < 0 ? null : DetectWithoutPrecheck(span);
    }

    /// <summary>The rules without the cheap word pre-check (tests use it to prove the pre-check never hides a moment).</summary>
    internal static KeyMoment? DetectWithoutPrecheck(ReadOnlySpan<char> text)
    {
        foreach (var rule in Rules)
        {
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
        var m = AlertStatusPattern().Match(text);
        return !m.Success ? null : m.Groups["ok"].Success ? KeyMoment.Resolved : KeyMoment.Detected;
    }

    private static bool Holds(ReadOnlySpan<char> text, int start, int end, Rule rule)
    {
        var clauseStart = ClauseStart(text, start);
        var clauseEnd = ClauseEnd(text, end);
        if (clauseEnd < text.Length && text[clauseEnd] == '?')
        {
            return false;
        }

        if (QuestionOpening().IsMatch(text[clauseStart..end]))
        {
            return false;
        }

        var scope = rule.CheckInside ? text[clauseStart..end] : text[clauseStart..start];
        if (Negation().IsMatch(scope) || Intention().IsMatch(scope))
        {
            return false;
        }

        if (rule.Moment is KeyMoment.Mitigated or KeyMoment.Resolved)
        {
            var after = text[end..SentenceEnd(text, end)];
            if (Failure().IsMatch(after))
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
        foreach (var word in ClauseWord().EnumerateMatches(text[clauseStart..start]))
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
        foreach (var word in ClauseWord().EnumerateMatches(rest))
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

    private readonly record struct Rule(KeyMoment Moment, Regex Pattern, bool CheckInside);

    [GeneratedRegex(
        @"\ball[-\s]clear\b" +
        @"|\b(?:incident|issue|outage|problem|sev\s?-?\d|p\d|it|this|that|everything|all|we|we['’]re|we\s+are|things|impact|alerts?)\s+(?:is\s+|are\s+|has\s+|have\s+|been\s+|now\s+|fully\s+|officially\s+|looks\s+|seems\s+|appears\s+(?:to\s+be\s+)?)*resolved\b(?!\s+(?:to|by|as|via)\b)" +
        @"|^\W*(?:now\s+|fully\s+|officially\s+)?resolved\b(?!\s+(?:to|by|as|via)\b)" +
        @"|\bmark(?:ing|ed)?\s+(?:it\s+|this\s+|the\s+incident\s+|the\s+issue\s+)?(?:as\s+)?resolved\b" +
        @"|\bresolving\s+(?:the\s+|this\s+|our\s+)?(?:incident|issue|outage|sev\s?-?\d|p\d|it|this)\b" +
        @"|\b(?:closing|closed)\s+(?:out\s+)?(?:the\s+|this\s+|our\s+)?(?:incident|sev\s?-?\d|p\d|outage|issue)\b" +
        @"|\bincident\s+(?:is\s+|has\s+been\s+)?(?:over|closed)\b" +
        @"|\b(?:declar(?:e|ing|ed)|call(?:ing|ed)?)\s+(?:it\s+|this\s+)?(?:resolved|over)\b", Options)]
    private static partial Regex ResolvedPattern();

    [GeneratedRegex(
        @"\bmitigat(?:ed|ion\s+(?:is\s+|has\s+been\s+)?(?:in\s+place|applied|deployed|done|complete|worked|working|holding))\b" +
        @"|\b(?:rollback|roll[-\s]?back|revert|failover|fail[-\s]?over|hot[-\s]?fix|fix|patch|workaround|mitigation|restart|flag\s+flip)\s+(?:is\s+|has\s+been\s+|was\s+|now\s+|fully\s+|successfully\s+|just\s+)*(?:done|complete|completed|finished|deployed|out|live|in\s+place|shipped|applied|rolled\s+out|worked|succeeded|landed|holding)\b" +
        @"|\b(?:rolled\s+back|reverted|failed\s+over|(?:rolled\s+out|deployed|shipped|applied|pushed)\s+(?:the\s+|a\s+)?(?:fix|hot[-\s]?fix|patch|workaround)|(?:disabled|turned\s+off|flipped\s+off|killed)\s+the\s+(?:feature\s+)?flag|flag\s+(?:is\s+)?(?:now\s+)?(?:off|disabled))\b" +
        @"|\b(?:error\s+rates?|errors?|latency|5xx|5\d\d['’]?s|traffic|graphs?|metrics|p9\d|dashboards?|things|everything|all|service|site|api|success\s+rates?|queues?|it)(?:['’]s|['’]re)?\s+(?:is\s+|are\s+|has\s+|have\s+|now\s+|already\s+|all\s+|finally\s+|been\s+)*(?:back\s+to\s+(?:normal|baseline)|back\s+online|recovering|recovered|normali[sz](?:ing|ed)|dropping|dropped|going\s+down|coming\s+down|stabili[sz](?:ing|ed)|subsiding|flat(?:lined)?|(?:looks?|looking|seems?)\s+(?:good|better|healthy|normal|stable|green))\b" +
        @"|\b(?:bleeding|impact)\s+(?:has\s+)?stopped\b|\bstopped\s+the\s+bleeding\b", Options)]
    private static partial Regex MitigatedPattern();

    [GeneratedRegex(
        @"\bescalat(?:ed|ing)\b" +
        @"|(?<!\b(?:got|get|gets|getting|been|was|were|being|am|is|i['’]m)\s+)\bpag(?:ing|ed)\s+(?!(?:me|us|by|for|about)\b)(?:in\s+)?\S" +
        @"|\b(?:pull(?:ed|ing)|bring(?:ing)?|brought|loop(?:ed|ing)|rop(?:ed|ing))\s+in\b" +
        @"|\b(?:open(?:ed|ing)|fil(?:ed|ing)|rais(?:ed|ing))\s+(?:a\s+|an\s+)?(?:urgent\s+|p1\s+|sev\s?\d\s+)?(?:support\s+)?(?:ticket|case)\s+with\b", Options)]
    private static partial Regex EscalatedPattern();

    [GeneratedRegex(
        @"\bdeclar(?:e|ed|ing)\s+(?:this\s+|it\s+)?(?:as\s+)?(?:an?\s+|the\s+)?(?:(?:sev|p)\s?-?\d|(?:major\s+|new\s+|official\s+)?incident|outage)\b" +
        @"|\b(?:sev|p)\s?-?\d\s+(?:is\s+|has\s+been\s+)?(?:declared|opened|called)\b" +
        @"|\bincident\s+(?:has\s+been\s+|is\s+|was\s+)?(?:declared|opened)\b" +
        @"|\b(?:this\s+is|it['’]s|it\s+is|we['’]re\s+in|we\s+are\s+in|we\s+have|(?:upgrad|bump|rais|escalat)(?:ing|ed)\s+(?:this\s+|it\s+)?to)\s+(?:now\s+|officially\s+)?(?:an?\s+)?(?:sev|p)\s?-?\d\b" +
        @"|\b(?:open(?:ed|ing)|start(?:ed|ing)|creat(?:ed|ing)|kick(?:ed|ing)\s+off)\s+(?:an?\s+|the\s+)?(?:(?:sev|p)\s?-?\d\s+|major\s+)?incident\b(?!\s+(?:review|retro|postmortem|post-mortem))", Options)]
    private static partial Regex DeclaredPattern();

    [GeneratedRegex(
        @"\b(?:seeing|seen|see|saw|notic(?:e|ed|ing)|getting|got|observ(?:e|ed|ing)|spotted|spotting)\s+(?:\w+\s+){0,3}?(?:5xx|5\d\d['’]?s?|4xx|errors?|error\s+rates?|exceptions?|timeouts?|time-outs?|latency|failures?|spikes?|crash(?:es|loops?)?|ooms?|restarts|degradation|outage|packet\s+loss)\b" +
        @"|\b(?:elevated|increased|increasing|high|higher|rising|spiking|spike\s+(?:in|of)|surge\s+(?:in|of)|jump\s+in|lots\s+of|tons\s+of|massive|huge)\s+(?:\w+\s+){0,2}?(?:5xx|5\d\d['’]?s?|4xx|errors?|error\s+rates?|exceptions?|timeouts?|latency|failures?|cpu|memory|load|p9\d|response\s+times?|queue\s+depth|lag)\b" +
        @"|\b(?:5xx|5\d\d['’]?s|errors?|error\s+rates?|latency|timeouts?|p9\d|cpu|memory|queue|lag|response\s+times?|failures?)\s+(?:is\s+|are\s+|has\s+|have\s+|just\s+|now\s+)*(?:spiking|spiked|climbing|rising|skyrocketing|through\s+the\s+roof|elevated|increasing|jumped|doubled|tripled|exploding|way\s+up|going\s+up)\b" +
        @"|\b(?:is|are|went|seems|looks|appears|just\s+went|has\s+gone|have\s+gone)\s+(?:to\s+be\s+)?(?:completely\s+|totally\s+|partially\s+|hard\s+)?(?:down|degraded|unreachable|unavailable|broken|failing|erroring|timing\s+out|flapping|crash[-\s]?looping|on\s+fire|melting|offline|unhealthy)\b" +
        @"|(?:['’]s|['’]re)\s+(?:completely\s+|totally\s+)?(?:down|degraded|unreachable|unavailable|broken|failing|erroring|timing\s+out|flapping|on\s+fire|offline)\b" +
        @"|\b(?:returning|throwing|serving|spewing)\s+(?:\w+\s+){0,2}?(?:5xx|5\d\d['’]?s?|errors?|exceptions?|timeouts?)\b" +
        @"|\b(?:customers?|users?|support|merchants?)\s+(?:are\s+|is\s+)?(?:reporting|complaining|seeing|getting|hitting)\b" +
        @"|\b(?:got|get|getting|been|was|were|being|i['’]m\s+being)\s+paged\b|\bpager\s+(?:went|is\s+going|going)\s+off\b" +
        @"|\b(?:alerts?|alarms?)\s+(?:is\s+|are\s+|just\s+)?(?:firing|fired|went\s+off|going\s+off|triggered|tripped)\b|\[firing\]" +
        @"|\b(?:looks|seems)\s+like\s+(?:an?\s+)?(?:outage|incident)\b|\bwe\s+have\s+an?\s+(?:outage|problem|issue)\b", Options)]
    private static partial Regex DetectedPattern();

    /// <summary>Symptoms worded with a negation ("customers can't check out"): the negation is the news.</summary>
    [GeneratedRegex(
        @"\b(?:customers?|users?|people|folks|merchants?|clients?|nobody|no\s+one|we|i)\s+(?:can['’]t|cannot|can\s+not|are\s+unable\s+to|is\s+unable\s+to|unable\s+to|aren['’]t\s+able\s+to)\s+(?:log\s*in|login|sign\s+in|check\s*out|pay|connect|reach|access|load|complete|place|buy|use)\b" +
        @"|\b(?:isn['’]t|is\s+not|aren['’]t|are\s+not|not)\s+(?:loading|responding|reachable|available)\b", Options)]
    private static partial Regex BrokenForUsersPattern();

    [GeneratedRegex(
        @"(?<fire>\[?firing\b|\btriggered\b|\[?alerting\b|\[critical\]|\bcritical:|\bproblem:|\[?warn(?:ing)?\]|\bis\s+down\b|\[down\])" +
        @"|(?<ok>\[?resolved\b|\brecovered\b|\[ok\]|^ok\b|\bok:|\bcleared\b|\bback\s+to\s+normal\b|\bis\s+(?:back\s+)?up\b|\[up\]|\bclosed\b)", Options)]
    private static partial Regex AlertStatusPattern();

    [GeneratedRegex(@"^\W*(?:(?:why|how|what|who|where|whether|any|anyone|anybody|did|didn['’]t|do|does|has|have|had|hasn['’]t|haven['’]t|is|isn['’]t|are|aren['’]t|was|were|can|could|should|would|will|shall)\b(?:\s+(?:we|you|they|it|i|he|she|the|this|that|anyone|someone|somebody|anybody|everyone|there|our|your)\b)|(?:why|how|any|anyone|anybody)\b)", Options)]
    private static partial Regex QuestionOpening();

    [GeneratedRegex(@"\b(?:not|no|never|nothing|none|nobody|without|neither|nor|cannot|hardly|barely|partial(?:ly)?|partly|almost|unclear|unsure)\b|n['’]t\b", Options)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(?:if|once|until|unless|whether|will|would|should|shall|could|might|may|going\s+to|gonna|about\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|want\s+to|wants\s+to|plan\s+to|planning\s+to|ready\s+to|let['’]?s|lets|consider|considering|try|trying\s+to|wait\s+for|waiting\s+for|waiting\s+on|hope|hopefully|expect|expecting|before|when|soon|after\s+we)\b|['’]ll\b", Options)]
    private static partial Regex Intention();

    [GeneratedRegex(@"\b(?:fail(?:ed|s|ing|ure)?|didn['’]t\s+(?:work|help|fix|stick|take)|did\s+not\s+(?:work|help|fix)|doesn['’]t\s+(?:help|work|seem|look)|isn['’]t\s+(?:helping|working|holding)|not\s+(?:helping|working|holding|fixed|enough|yet|really|quite|fully|completely)|no\s+(?:effect|change|improvement|luck|dice|difference)|(?:but|yet|though)\s+(?:still|errors?|latency|5xx|it['’]?s\s+still)|still\s+(?:seeing|erroring|failing|elevated|high|down|broken|spiking|getting|bad|throwing|returning|happening|burning|climbing|rising|there)|stuck|hung|errored|worse|partially|partly|soon|shortly|eta|pending|in\s+progress|underway|in\s+a\s+(?:bit|few|minute|sec)|in\s+\d+\s*(?:m|min|mins|minutes|h|hours?))\b", Options)]
    private static partial Regex Failure();

    [GeneratedRegex(@"\b(?:but|though|although|however|except)\b", Options)]
    private static partial Regex ClauseWord();
}
