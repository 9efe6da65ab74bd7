using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>Refuses changes nobody can check ("be more careful", "investigate").</summary>
public static partial class VagueChangeDetector
{
    /// <summary>Why the change is too vague, or null when it is specific.</summary>
    public static string? WhyVague(string change)
    {
        var text = (change ?? "").Trim().TrimEnd('.', '!', ';', ',');
        if (text.Length == 0)
        {
            return "there is no change yet; name what will change in which system";
        }

        var quoted = $"“{Shorten(text)}”";
        var vigilance = Vigilance().Match(text);
        if (vigilance.Success)
        {
            return $"“{vigilance.Value.ToLowerInvariant()}” can't be checked; name what will change in which system so nobody has to remember";
        }

        var next = NextStep().Match(text);
        if (next.Success)
        {
            return $"“{next.Groups["verb"].Value.ToLowerInvariant()}” is a next step, not a change; name what will change (add another item once you know)";
        }

        if (FixIt().IsMatch(text))
        {
            return $"{quoted} doesn't say what will change; name the change and the system, e.g. “add a retry with backoff to the payment client”";
        }

        if (Goal().IsMatch(text))
        {
            return $"{quoted} is the goal, not the change; name what will change in which system to get there";
        }

        if (!HasConcreteDetail(text))
        {
            var general = General().Match(text);
            if (general.Success)
            {
                var words = general.Value.ToLowerInvariant();
                return words.Contains("communicat", StringComparison.Ordinal)
                    ? $"“{words}” doesn't say what or where; name the message, channel or step that will change, e.g. “post status updates in #incidents every 30 minutes”"
                    : $"“{words}” doesn't say what or where; name the alert, check or step and the system it covers";
            }
        }

        if (TextWords.Meaningful(text) < 3)
        {
            return $"{quoted} is too short to check; say what will change and where";
        }

        return null;
    }

    /// <summary>A number, a threshold, a name like <c>checkout-api</c> or a code span makes a change concrete.</summary>
    private static bool HasConcreteDetail(string text) => Concrete().IsMatch(text);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59].TrimEnd() + "…";

    [GeneratedRegex(@"\b(?:(?:be|being|stay)\s+(?:more\s+|extra\s+|very\s+)?(?:careful|cautious|vigilant|diligent|attentive|mindful|thorough|aware)|(?:try|work)\s+harder|do\s+better|pay\s+(?:more\s+|closer\s+)?attention|double[-\s]?check|remember\s+to|don['’]?t\s+forget|take\s+more\s+care|keep\s+an\s+eye\s+on)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Vigilance();

    [GeneratedRegex(@"^(?:(?:we\s+)?(?:should|will|need\s+to|must)\s+)?(?<verb>investigate|look\s+into|look\s+at|dig\s+into|dig\s+deeper|research|explore|think\s+about|discuss|figure\s+out|find\s+out|understand|analy[sz]e)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextStep();

    [GeneratedRegex(@"^(?:fix|solve|resolve|address|handle|sort\s+out|deal\s+with|tackle|repair)\s+(?:it|this|that|the\s+(?:issue|problem|bug|incident|root\s+cause|outage|thing)|(?:the\s+)?(?:issues?|problems?|bugs?)|everything)(?:\s+(?:properly|for\s+good|permanently|asap|now))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixIt();

    [GeneratedRegex(@"^(?:(?:make\s+sure\s+(?:to\s+)?|try\s+to\s+)?(?:prevent|avoid|stop)\s+(?:this|it|that|the\s+(?:issue|problem|incident|outage))(?:\s+from)?(?:\s+(?:happening|recurring|occurring))?(?:\s+again)?|(?:don['’]?t|never)\s+let\s+(?:this|it)\s+happen(?:\s+again)?|make\s+(?:it|things|the\s+\w+)\s+(?:more\s+)?(?:reliable|robust|resilient|stable|better))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Goal();

    [GeneratedRegex(@"^(?:(?:we\s+)?(?:should|will|need\s+to|must)\s+)?(?:improve|enhance|strengthen|increase|boost|better|harden|tighten|optimi[sz]e|clean\s+up|rethink)\s+(?:our\s+|the\s+)?[\w-]+(?:\s+(?:and|&)\s+[\w-]+)?|\b(?:communicate|communication)\b(?:\s+(?:better|more|clearly|improvements?))?|\bbetter\s+(?:communication|monitoring|alerting|testing|documentation|docs|processes?|visibility)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex General();

    [GeneratedRegex(@"\d|[<>=%`#]|\b[\w]+[-_.:/][\w]+\b|\b(?:add|creat|pag|automat|remov|block|requir|enforc|set|configur|enabl|disabl|migrat|replac|rotat|limit|cap|pin|upgrad|retr|timeout|lint|validat|gate)\w*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Concrete();
}
