using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>
/// Spots answers that blame a person ("Bob forgot…", "because of @x", "human error") and suggests a system-focused
/// rewording. A system as the subject ("the deploy script forgot the flag", "the cache didn't check expiry") is not blame.
/// </summary>
public static partial class BlameDetector
{
    private const string Who =
        @"(?<who><@[^>]+>" +
        @"|\b(?i:someone|somebody|(?:the|our|a|an)\s+(?:new\s+|junior\s+|senior\s+)?(?:on-?call(?:\s+(?:engineer|person|dev|sre))?|intern|engineer|developer|dev|operator|admin|sysadmin|reviewer|author|new\s+hire|contractor|sre|dba|release\s+manager|team\s+lead|manager|incident\s+commander|ic))\b" +
        @"|\bI\b|\b[Hh]e\b|\b[Ss]he\b" +
        @"|\b[A-Z][a-z]+\b)";

    private const string HumanVerb =
        @"(?:check|review|test|verify|notice|follow|read|update|renew|run|escalate|page|look|validate|confirm|rotate|ack|acknowledge|see|realize|realise|communicate|tell|merge|wait|monitor|back\s+up|double[-\s]?check|catch|answer|respond|pick\s+up|document|announce|notify|inform|approve|restart|deploy|roll\s+back|revert|watch|report|pay\s+attention|bother|listen|mention|write|set|add|remove|apply|lock|tag|flip|turn|enable|disable|push|commit|clean\s+up|hand\s+over)\b";

    private static readonly HashSet<string> NotPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "These", "Those", "It", "Its", "We", "They", "You", "Our", "Their", "There", "Here", "Then",
        "Also", "And", "But", "So", "Because", "Nobody", "Everyone", "Everybody", "Nothing", "Something", "Anyone", "One",
        "Which", "What", "Who", "Why", "When", "Where", "How", "If", "Once", "After", "Before", "Since", "Yes", "No",
        "Monitoring", "Alerting", "Alert", "Alerts", "Deploy", "Deployment", "Deployer", "Script", "Scripts", "Cache",
        "Config", "Configuration", "Service", "Server", "Database", "Db", "Cron", "Job", "Jobs", "Pipeline", "Build",
        "Test", "Tests", "Code", "System", "Team", "Release", "Rollout", "Load", "Balancer", "Proxy", "Gateway", "Api",
        "Checkout", "Payments", "Auth", "Automation", "Bot", "Tool", "Tooling", "Process", "Runbook", "Dashboard",
        "Migration", "Schema", "Queue", "Worker", "Workers", "Scheduler", "Autoscaler", "Cluster", "Node", "Nodes", "Pod",
        "Pods", "Container", "Image", "Cert", "Certificate", "Dns", "Cdn", "Network", "Firewall", "Vendor", "Provider",
        "Terraform", "Kubernetes", "Jenkins", "Redis", "Postgres", "Postgresql", "Mysql", "Nginx", "Envoy", "Vault",
        "Consul", "Helm", "Datadog", "Grafana", "Prometheus", "Alertmanager", "Kafka", "Docker", "Github", "Gitlab",
        "Argo", "Ansible", "Chef", "Puppet", "Cloudflare", "Aws", "Azure", "Gcp", "Lambda", "Certbot", "Renovate",
        "Dependabot", "Stripe", "Twilio", "Slack", "Okta", "Fastly", "Akamai", "Heroku", "Sentry", "Sendgrid", "Linux",
        "Java", "Python", "Node", "Elasticsearch", "Mongo", "Mongodb", "Rabbitmq", "Celery", "Sidekiq", "Cassandra",
        "Spark", "Airflow", "Istio", "Linkerd", "Traefik", "Haproxy", "Route", "Pagerduty", "Opsgenie", "Postmortem",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Staging", "Prod", "Production",
    };

    /// <summary>The blaming words and a system-focused rewording, or null when the text blames no one.</summary>
    public static BlameFinding? Check(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match m in ActBlame().Matches(text))
        {
            if (IsPerson(m.Groups["who"].Value))
            {
                var clause = ClauseEnd().Split(m.Groups["action"].Value, 2)[0];
                var phrase = (text[m.Index..m.Groups["action"].Index] + clause).Trim();
                return new BlameFinding(phrase, Suggest(m));
            }
        }

        foreach (Match m in Attribution().Matches(text))
        {
            if (IsPerson(m.Groups["who"].Value))
            {
                var phrase = m.Value.Trim();
                return new BlameFinding(phrase, phrase.Contains("error", StringComparison.OrdinalIgnoreCase) ? HumanError : Generic);
            }
        }

        var words = BlameWords().Match(text);
        if (words.Success && (!words.Groups["who"].Success || IsPerson(words.Groups["who"].Value)))
        {
            return new BlameFinding(words.Value.Trim(), words.Value.Contains("error", StringComparison.OrdinalIgnoreCase) ? HumanError : Generic);
        }

        return null;
    }

    private const string Generic =
        "the process let this through without a safeguard; which check, guard or alert was missing?";

    private const string HumanError =
        "the system made this mistake easy to make and hard to catch; which check, guard or safer default would have stopped it?";

    private static bool IsPerson(string who) => !NotPeople.Contains(who);

    private static string Suggest(Match m)
    {
        var action = Action(m.Groups["action"].Value);
        if (m.Groups["remember"].Success)
        {
            var thing = action.Length == 0 ? "this step"
                : m.Groups["remember"].Value.EndsWith("to", StringComparison.OrdinalIgnoreCase) ? Gerund(action) : action;
            return $"{thing} depended on someone remembering; nothing reminded or automated it";
        }

        if (m.Groups["didnt"].Success)
        {
            return $"{(action.Length == 0 ? "this step" : Gerund(action))} relied on a person doing it by hand; nothing prompted it or checked it was done";
        }

        if (m.Groups["skip"].Success)
        {
            var thing = action.Length == 0 ? "this step" : action;
            return m.Groups["skip"].Value.StartsWith("skip", StringComparison.OrdinalIgnoreCase) || m.Groups["skip"].Value.StartsWith("bypass", StringComparison.OrdinalIgnoreCase)
                ? $"{thing} could be skipped without anything stopping it; nothing required it"
                : $"{thing} could go unnoticed; nothing made it stand out or followed up on it";
        }

        if (m.Groups["typo"].Success)
        {
            return $"a mistake in {(action.Length == 0 ? "the change" : action)} could go straight through; nothing validated or reviewed it before it applied";
        }

        if (m.Groups["destroy"].Success)
        {
            return $"{(action.Length == 0 ? "this" : action)} could be removed by a single command; nothing guarded it or asked for confirmation";
        }

        if (m.Groups["broke"].Success)
        {
            return $"one change could break {(action.Length == 0 ? "the system" : action)}; nothing caught it before it reached production";
        }

        return Generic;
    }

    /// <summary>The action words after the verb, up to the end of the clause, with people's possessives made neutral.</summary>
    private static string Action(string raw)
    {
        var action = ClauseEnd().Split(raw, 2)[0].Trim();
        action = Possessive().Replace(action, "the");
        return action.StartsWith("to ", StringComparison.OrdinalIgnoreCase) ? action[3..] : action;
    }

    private static string Gerund(string phrase)
    {
        var space = phrase.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? phrase : phrase[..space];
        var rest = space < 0 ? "" : phrase[space..];
        var lower = verb.ToLowerInvariant();
        var ing = lower switch
        {
            "run" or "set" or "get" or "stop" or "put" or "plan" or "ship" or "pin" or "cut" or "tag" or "log" or "drop" or "flip"
                => verb + verb[^1] + "ing",
            "see" or "be" or "free" or "agree" => verb + "ing",
            _ when lower.EndsWith("ie", StringComparison.Ordinal) => verb[..^2] + "ying",
            _ when lower.EndsWith('e') && lower.Length > 2 => verb[..^1] + "ing",
            _ => verb + "ing",
        };
        return ing + rest;
    }

    [GeneratedRegex(Who + @"(?:\s+(?i:just|accidentally|also|apparently|probably|again|totally|completely|simply|clearly|obviously))?\s+" +
        @"(?i:(?<remember>forgot(?:\s+to)?|forgets(?:\s+to)?|didn['’]t\s+remember\s+to|did\s+not\s+remember\s+to)" +
        @"|(?<didnt>didn['’]t|did\s+not|failed\s+to|neglected\s+to|couldn['’]t\s+be\s+bothered\s+to)(?=\s+" + HumanVerb + @")" +
        @"|(?<skip>skipped|missed|ignored|overlooked|bypassed)" +
        @"|(?<typo>fat[-\s]?fingered|typo['’]?d|mistyped|misconfigured)" +
        @"|(?<destroy>deleted|dropped(?!\s+the\s+ball)|wiped|nuked|truncated|took\s+down)" +
        @"|(?<broke>broke|messed\s+up|screwed\s+up|botched|borked|fucked\s+up)" +
        @"|(?<careless>should\s+have\s+(?:known\s+better|checked|noticed|caught|tested|been\s+more\s+careful)|shouldn['’]t\s+have|wasn['’]t\s+paying\s+attention|dropped\s+the\s+ball))\b" +
        @"(?<action>[^.;!?\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ActBlame();

    [GeneratedRegex(@"(?i:because\s+of|due\s+to|caused\s+by|thanks\s+to|blame\s+(?:goes\s+to|it\s+on|on)|blaming|(?:(?:human|operator|user)\s+)?(?:fault|mistake|error)\s+(?:of|by))\s+" + Who +
        @"|" + Who + @"['’]s?\s+(?i:fault|mistake|error|bad|screw-?up|blunder|oversight|carelessness|negligence|slip-?up)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"\b(?i:human\s+error|operator\s+error|user\s+error|pilot\s+error|pebkac|careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|incompeten(?:t|ce)|dropped\s+the\s+ball|(?:wasn['’]t|not)\s+paying\s+attention|should\s+have\s+known\s+better)\b" +
        @"(?:\s+(?i:by|from|of|on\s+the\s+part\s+of)\s+" + Who + ")?", RegexOptions.CultureInvariant)]
    private static partial Regex BlameWords();

    [GeneratedRegex(@",|\s(?:because|so|which|when|and\s+then|but|after|before|since|while)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"\b(?:his|her|their|my|our)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();
}
