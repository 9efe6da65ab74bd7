using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>
/// The wordings of each key moment, one small regex each: a single leading keyword lets the regex engine
/// jump straight to candidates, which a big alternation cannot do.
/// </summary>
internal static partial class KeyMomentPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private const string NotResolvingAName = @"(?!\s+(?:to|by|via)\b)";

    // ---- resolved ----
    [GeneratedRegex(@"\ball[-\s]clear\b", Options)]
    internal static partial Regex AllClear();

    [GeneratedRegex(@"(?<=\b(?:incident|issue|outage|problem|sev\s?-?\d|p\d|it|this|that|everything|all|we|(?:it|that|everything)['’]s|we['’]re|we\s+are|things|impact|alerts?)\s+(?:(?:is|are|has|have|been|now|fully|officially|looks|seems|appears|to\s+be)\s+)*)resolved\b" + NotResolvingAName, Options)]
    internal static partial Regex SubjectResolved();

    [GeneratedRegex(@"^(?:\W|:[\w+-]+:)*(?:now\s+|fully\s+|officially\s+)?resolved\b" + NotResolvingAName, Options)]
    internal static partial Regex ResolvedOpening();

    [GeneratedRegex(@"\bmark(?:ing|ed)?\s+(?:it\s+|this\s+|the\s+incident\s+|the\s+issue\s+)?(?:as\s+)?resolved\b", Options)]
    internal static partial Regex MarkResolved();

    [GeneratedRegex(@"\bresolving\s+(?:the\s+|this\s+|our\s+)?(?:incident|issue|outage|sev\s?-?\d|p\d|it|this)\b", Options)]
    internal static partial Regex ResolvingIncident();

    [GeneratedRegex(@"\bclos(?:ing|ed)\s+(?:out\s+)?(?:the\s+|this\s+|our\s+)?(?:incident|sev\s?-?\d|p\d|outage|issue)\b", Options)]
    internal static partial Regex ClosingIncident();

    [GeneratedRegex(@"\bincident\s+(?:is\s+|has\s+been\s+)?(?:over|closed)\b", Options)]
    internal static partial Regex IncidentOver();

    [GeneratedRegex(@"\b(?:declar(?:e|ing|ed)|call(?:ing|ed)?)\s+(?:it\s+|this\s+)?(?:resolved|over)\b", Options)]
    internal static partial Regex CallItResolved();

    // ---- mitigated ----
    [GeneratedRegex(@"\bmitigat(?:ed|ion\s+(?:is\s+|has\s+been\s+)?(?:in\s+place|applied|deployed|done|complete|worked|working|holding))\b", Options)]
    internal static partial Regex MitigatedWord();

    [GeneratedRegex(@"\b(?:rollback|roll[-\s]?back|revert|failover|fail[-\s]?over|hot[-\s]?fix|fix|patch|workaround|mitigation|restart|flag\s+flip)\s+(?:(?:is|has\s+been|was|now|fully|successfully|just)\s+)*(?:done|complete|completed|finished|deployed|out|live|in\s+place|shipped|applied|rolled\s+out|worked|succeeded|landed|holding)\b", Options)]
    internal static partial Regex RemedyDone();

    [GeneratedRegex(@"\b(?:rolled\s+back|reverted|failed\s+over)\b", Options)]
    internal static partial Regex RolledBack();

    [GeneratedRegex(@"\b(?:rolled\s+out|deployed|shipped|applied|pushed)\s+(?:the\s+|a\s+)?(?:fix|hot[-\s]?fix|patch|workaround)\b", Options)]
    internal static partial Regex ShippedFix();

    [GeneratedRegex(@"\b(?:(?:disabled|turned\s+off|flipped\s+off|killed)\s+the\s+(?:feature\s+)?flag|flag\s+(?:is\s+)?(?:now\s+)?(?:off|disabled))\b", Options)]
    internal static partial Regex FlagOff();

    [GeneratedRegex(@"\b(?:error\s+rates?|errors?|latency|5xx|5\d\d['’]?s|traffic|graphs?|metrics|p9\d|dashboards?|things|everything|all|service|site|api|success\s+rates?|queues?|it)(?:['’]s|['’]re)?\s+(?:(?:is|are|has|have|now|already|all|finally|been)\s+)*(?:back\s+to\s+(?:normal|baseline)|back\s+online|back\s+(?:down|under)|recovering|recovered|normali[sz](?:ing|ed)|dropping|dropped|going\s+down|coming\s+down|stabili[sz](?:ing|ed)|subsiding|flat(?:lined)?|(?:looks?|looking|seems?)\s+(?:good|better|healthy|normal|stable|green))\b", Options)]
    internal static partial Regex SymptomEasing();

    [GeneratedRegex(@"\b(?:(?:bleeding|impact)\s+(?:has\s+)?stopped|stopped\s+the\s+bleeding)\b", Options)]
    internal static partial Regex BleedingStopped();

    // ---- escalated ----
    [GeneratedRegex(@"\bescalat(?:ed|ing)\b", Options)]
    internal static partial Regex Escalating();

    [GeneratedRegex(@"(?<!\b(?:got|get|gets|getting|been|was|were|being|am|is|i['’]m)\s+)\bpag(?:ing|ed)\s+(?!(?:me|us|by|for|about)\b)(?:in\s+)?\S", Options)]
    internal static partial Regex PagingSomeone();

    [GeneratedRegex(@"\b(?:pull(?:ed|ing)|bring(?:ing)?|brought|loop(?:ed|ing)|rop(?:ed|ing))\s+(?:(?:<@[^>]+>|the\s+[\w-]+(?:\s+[\w-]+)?|\w+)\s+)?in\b", Options)]
    internal static partial Regex BringingIn();

    [GeneratedRegex(@"\b(?:open(?:ed|ing)|fil(?:ed|ing)|rais(?:ed|ing))\s+(?:a\s+|an\s+)?(?:urgent\s+|p1\s+|sev\s?\d\s+)?(?:support\s+)?(?:ticket|case)\s+with\b", Options)]
    internal static partial Regex VendorTicket();

    // ---- declared ----
    [GeneratedRegex(@"\bdeclar(?:e|ed|ing)\s+(?:this\s+|it\s+)?(?:as\s+)?(?:an?\s+|the\s+)?(?:(?:sev|p)\s?-?\d|(?:major\s+|new\s+|official\s+)?incident|outage)\b", Options)]
    internal static partial Regex Declaring();

    [GeneratedRegex(@"\b(?:sev|p)\s?-?\d\s+(?:is\s+|has\s+been\s+)?(?:declared|opened|called)\b", Options)]
    internal static partial Regex SeverityDeclared();

    [GeneratedRegex(@"\bincident\s+(?:#?[\w-]*\d[\w-]*\s+)?(?:has\s+been\s+|is\s+|was\s+)?(?:declared|opened)\b", Options)]
    internal static partial Regex IncidentDeclared();

    [GeneratedRegex(@"(?<=\b(?:this\s+is|it['’]s|it\s+is|we['’]re\s+in|we\s+are\s+in|we\s+have|(?:upgrad|bump|rais|escalat)(?:ing|ed)\s+(?:this\s+|it\s+)?to|call(?:ing|ed)?\s+(?:this|it))\s+(?:now\s+|officially\s+)?(?:an?\s+)?)(?:sev|p)\s?-?\d\b", Options)]
    internal static partial Regex NowASeverity();

    [GeneratedRegex(@"\b(?:open(?:ed|ing)|start(?:ed|ing)|creat(?:ed|ing)|kick(?:ed|ing)\s+off)\s+(?:an?\s+|the\s+)?(?:(?:sev|p)\s?-?\d\s+|major\s+)?incident\b(?!\s+(?:review|retro|postmortem|post-mortem))", Options)]
    internal static partial Regex OpeningIncident();

    // ---- detected ----
    private const string Symptom =
        @"(?:5xx|5\d\d['’]?s?|4xx|errors?|error\s+rates?|exceptions?|timeouts?|time-outs?|latency|failures?|spikes?|crash(?:es|loops?)?|ooms?|restarts|degradation|outage|packet\s+loss)";

    [GeneratedRegex(@"\b(?:seeing|seen|see|saw|notic(?:e|ed|ing)|getting|got|observ(?:e|ed|ing)|spotted|spotting)\s+(?:\w+\s+){0,3}?" + Symptom + @"\b", Options)]
    internal static partial Regex SeeingSymptom();

    [GeneratedRegex(@"\b(?:elevated|increased|increasing|high|higher|rising|spiking|spike\s+(?:in|of)|surge\s+(?:in|of)|jump\s+in|lots\s+of|tons\s+of|massive|huge)\s+(?:\w+\s+){0,2}?(?:5xx|5\d\d['’]?s?|4xx|errors?|error\s+rates?|exceptions?|timeouts?|latency|failures?|cpu|memory|load|p9\d|response\s+times?|queue\s+depth|lag)\b", Options)]
    internal static partial Regex ElevatedSymptom();

    [GeneratedRegex(@"\b(?:5xx|5\d\d['’]?s|errors?|error\s+rates?|latency|timeouts?|p9\d|cpu|memory|queue|lag|response\s+times?|failures?)\b(?:\s+[^\s,;!?]+){0,5}?\s+(?:spiking|spiked|climbing|rising|skyrocketing|through\s+the\s+roof|elevated|increasing|jumped|doubled|tripled|exploding|way\s+up|going\s+up)\b", Options)]
    internal static partial Regex SymptomRising();

    private const string Broken =
        @"(?:(?:completely|totally|partially|hard)\s+)?(?:down|degraded|unreachable|unavailable|broken|failing|erroring|timing\s+out|flapping|crash[-\s]?looping|on\s+fire|melting|offline|unhealthy)\b";

    [GeneratedRegex(@"\b(?:is|are|went|seems|looks|appears|has\s+gone|have\s+gone)\s+(?:to\s+be\s+)?" + Broken, Options)]
    internal static partial Regex IsDown();

    [GeneratedRegex(@"['’](?:s|re)\s+" + Broken, Options)]
    internal static partial Regex ContractedDown();

    [GeneratedRegex(@"\b(?:pegged|maxed\s+out|saturated|(?:at|hit|hitting|reached)\s+100\s*%|out\s+of\s+(?:memory|disk(?:\s+space)?|connections|file\s+descriptors))", Options)]
    internal static partial Regex Saturated();

    [GeneratedRegex(@"\b(?:oom-?killed|crashloopbackoff|crash-?looping|kernel\s+panic)\b", Options)]
    internal static partial Regex Crashing();

    [GeneratedRegex(@"\b(?:returning|throwing|serving|spewing)\s+(?:\w+\s+){0,2}?(?:5xx|5\d\d['’]?s?|errors?|exceptions?|timeouts?)\b", Options)]
    internal static partial Regex ReturningErrors();

    [GeneratedRegex(@"\b(?:customers?|users?|support|merchants?)\s+(?:are\s+|is\s+)?(?:reporting|complaining|seeing|getting|hitting)\b", Options)]
    internal static partial Regex CustomersReporting();

    [GeneratedRegex(@"\b(?:(?:got|get|getting|been|was|were|being|i['’]m\s+being)\s+paged|pager\s+(?:went|is\s+going|going)\s+off)\b", Options)]
    internal static partial Regex GotPaged();

    [GeneratedRegex(@"\b(?:alerts?|alarms?)\s+(?:is\s+|are\s+|just\s+)?(?:firing|fired|went\s+off|going\s+off|triggered|tripped)\b|\[firing\b", Options)]
    internal static partial Regex AlertFiring();

    [GeneratedRegex(@"\b(?:(?:looks|seems)\s+like\s+(?:an?\s+)?(?:outage|incident)|we\s+have\s+an?\s+(?:outage|problem|issue))\b", Options)]
    internal static partial Regex LooksLikeOutage();

    /// <summary>Symptoms worded with a negation ("customers can't check out"): here the negation is the news.</summary>
    [GeneratedRegex(@"\b(?:customers?|users?|people|folks|merchants?|clients?|nobody|no\s+one|we|i)\s+(?:can['’]t|cannot|can\s+not|are\s+unable\s+to|is\s+unable\s+to|unable\s+to|aren['’]t\s+able\s+to)\s+(?:log\s*in|login|sign\s+in|check\s*out|pay|connect|reach|access|load|complete|place|buy|use)\b", Options)]
    internal static partial Regex CannotUse();

    [GeneratedRegex(@"\b(?:isn['’]t|is\s+not|aren['’]t|are\s+not|not)\s+(?:loading|responding|reachable|available)\b", Options)]
    internal static partial Regex NotResponding();

    // ---- alert bots ----
    [GeneratedRegex(@"\[?\b(?:firing|triggered|alerting)\b|\[(?:critical|warn(?:ing)?|down)\]|\b(?:critical|problem):|\bis\s+down\b", Options)]
    internal static partial Regex AlertFiringStatus();

    [GeneratedRegex(@"\[?\b(?:resolved|recovered|cleared|closed)\b|\[(?:ok|up)\]|^ok\b|\bok:|\bback\s+to\s+normal\b|\bis\s+(?:back\s+)?up\b", Options)]
    internal static partial Regex AlertOkStatus();

    // ---- context ----
    [GeneratedRegex(@"^\W*(?:(?:why|how|what|who|where|whether|any|anyone|anybody|did|didn['’]t|do|does|has|have|had|hasn['’]t|haven['’]t|is|isn['’]t|are|aren['’]t|was|were|can|could|should|would|will|shall)\b(?:\s+(?:we|you|they|it|i|he|she|the|this|that|anyone|someone|somebody|anybody|everyone|there|our|your)\b)|(?:why|how|any|anyone|anybody)\b)", Options)]
    internal static partial Regex QuestionOpening();

    [GeneratedRegex(@"\b(?:not|no|never|nothing|none|nobody|without|neither|nor|cannot|hardly|barely|partial(?:ly)?|partly|almost|unclear|unsure)\b|n['’]t\b", Options)]
    internal static partial Regex Negation();

    [GeneratedRegex(@"\b(?:if|once|until|unless|whether|will|would|should|shall|could|might|may|going\s+to|gonna|about\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|want\s+to|wants\s+to|plan\s+to|planning\s+to|ready\s+to|let['’]?s|lets|consider|considering|try|trying\s+to|wait\s+for|waiting\s+for|waiting\s+on|hope|hopefully|expect|expecting|before|when|soon|after\s+we)\b|['’]ll\b", Options)]
    internal static partial Regex Intention();

    [GeneratedRegex(@"\b(?:fail(?:ed|s|ing|ure)?|didn['’]t\s+(?:work|help|fix|stick|take)|did\s+not\s+(?:work|help|fix)|doesn['’]t\s+(?:help|work|seem|look)|isn['’]t\s+(?:helping|working|holding)|not\s+(?:helping|working|holding|fixed|enough|yet|really|quite|fully|completely)|no\s+(?:effect|change|improvement|luck|dice|difference)|(?:but|yet|though)\s+(?:still|errors?|latency|5xx|it['’]?s\s+still)|still\s+(?:seeing|erroring|failing|elevated|high|down|broken|spiking|getting|bad|throwing|returning|happening|burning|climbing|rising|there)|stuck|hung|errored|worse|partially|partly|soon|shortly|eta|pending|in\s+progress|underway|in\s+a\s+(?:bit|few|minute|sec)|in\s+\d+\s*(?:m|min|mins|minutes|h|hours?))\b", Options)]
    internal static partial Regex Failure();

    /// <summary>"still seeing errors" restates a known symptom; it is not a new detection.</summary>
    [GeneratedRegex(@"\bstill\b", Options)]
    internal static partial Regex Ongoing();

    [GeneratedRegex(@"\b(?:but|though|although|however|except)\b", Options)]
    internal static partial Regex ClauseWord();
}
