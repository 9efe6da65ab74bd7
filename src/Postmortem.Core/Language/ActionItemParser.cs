using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>
/// Parses <c>&lt;change&gt; @owner by &lt;date&gt; done when &lt;check&gt;</c>; the parts may come in any order.
/// The check runs from <c>done when</c> to the due date or the end; mentions at its very end are owners,
/// mentions inside it are part of the check. Every missing or invalid part is named, including a past due date.
/// </summary>
public static partial class ActionItemParser
{
    private static readonly string[] Counts = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static ActionItemParseResult Parse(string text, DateOnly today)
    {
        var t = Prefix().Replace((text ?? "").Trim(), "");

        var doneWhen = DoneWhen().Match(t);
        var (dueMatch, due) = FindDue(t, today);

        var checkStart = doneWhen.Success ? doneWhen.Index + doneWhen.Length : -1;
        var checkEnd = !doneWhen.Success ? -1
            : dueMatch is not null && dueMatch.Index >= checkStart ? dueMatch.Index
            : t.Length;
        string? check = null;
        var ownerZoneInCheck = checkEnd;
        if (doneWhen.Success)
        {
            var raw = t[checkStart..checkEnd];
            var trailing = TrailingMentions().Match(raw);
            ownerZoneInCheck = trailing.Success ? checkStart + trailing.Index : checkEnd;
            check = Clean(raw[..(ownerZoneInCheck - checkStart)]);
        }

        var owners = new List<string>();
        var removed = new List<(int Start, int End)>();
        foreach (Match mention in MentionParser.Token().Matches(t))
        {
            var insideCheck = doneWhen.Success && mention.Index >= checkStart && mention.Index < ownerZoneInCheck;
            if (insideCheck)
            {
                continue;
            }

            removed.Add((mention.Index, mention.Index + mention.Length));
            var id = mention.Groups["id"].Value;
            if (!owners.Contains(id, StringComparer.Ordinal))
            {
                owners.Add(id);
            }
        }

        if (dueMatch is not null)
        {
            removed.Add((dueMatch.Index, dueMatch.Index + dueMatch.Length));
        }

        if (doneWhen.Success)
        {
            removed.Add((doneWhen.Index, checkEnd));
        }

        var change = ChangeText(t, removed);
        var draft = new ActionItemDraft(change.Length == 0 ? null : change, owners, due, string.IsNullOrEmpty(check) ? null : check);
        return new ActionItemParseResult(draft, Problems(draft, t, dueMatch is not null, today));
    }

    private static List<string> Problems(ActionItemDraft draft, string text, bool dueFound, DateOnly today)
    {
        var problems = new List<string>();
        if (draft.Change is null)
        {
            problems.Add("a change — say what will change, e.g. “add an alert on cert expiry for checkout-api”");
        }
        else if (VagueChangeDetector.WhyVague(draft.Change) is { } vague)
        {
            problems.Add($"a specific change — {vague}");
        }

        if (draft.OwnerIds.Count == 0)
        {
            problems.Add("an owner — mention exactly one person, like @name");
        }
        else if (draft.OwnerIds.Count > 1)
        {
            var count = draft.OwnerIds.Count < Counts.Length ? Counts[draft.OwnerIds.Count] : draft.OwnerIds.Count.ToString(CultureInfo.InvariantCulture);
            var names = string.Join(", ", draft.OwnerIds.Select(Chat.Mention.Of));
            problems.Add($"exactly one owner — it names {count} ({names}); keep the one person who will drive it");
        }

        if (!dueFound)
        {
            var ambiguous = AmbiguousDate().Match(text);
            problems.Add(ambiguous.Success
                ? $"a due date that reads one way — “{ambiguous.Groups["date"].Value}” could be day/month or month/day; write `by 2026-12-05` or `by Dec 5`"
                : "a due date — add `by 2026-12-05`, `by Friday` or `by in 2 weeks`");
        }
        else if (draft.Due is { } due && due < today)
        {
            problems.Add($"a due date that isn't past — {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the past");
        }

        if (draft.DoneWhen is null)
        {
            problems.Add("a `done when` check — how will anyone know it's done?");
        }
        else if (TextWords.Count(draft.DoneWhen) < 3 || TextWords.Meaningful(draft.DoneWhen) < 2)
        {
            problems.Add($"a `done when` check with a few more words — “{draft.DoneWhen}” doesn't say how anyone will know it's done");
        }

        return problems;
    }

    /// <summary>The first <c>by/due &lt;date&gt;</c> whose date is real; null when there is none.</summary>
    private static (Match? Match, DateOnly? Date) FindDue(string text, DateOnly today)
    {
        foreach (Match m in DueMarker().Matches(text))
        {
            if (DueDateParser.Resolve(m, today) is { } date)
            {
                return (m, date);
            }
        }

        return (null, null);
    }

    private static string ChangeText(string text, List<(int Start, int End)> removed)
    {
        removed.Sort((a, b) => a.Start.CompareTo(b.Start));
        var kept = new StringBuilder();
        var at = 0;
        foreach (var (start, end) in removed)
        {
            if (start > at)
            {
                kept.Append(text, at, start - at).Append(' ');
            }

            at = Math.Max(at, end);
        }

        if (at < text.Length)
        {
            kept.Append(text, at, text.Length - at);
        }

        return Filler().Replace(Clean(kept.ToString()), "");
    }

    private static string Clean(string part) =>
        Spaces().Replace(part, " ").Trim().Trim(',', ';', ':', '-', '–', '—', '.', ' ').Trim();

    [GeneratedRegex(@"^(?:/?postmortem\s+)?(?:action(?:\s+item)?\s*:?\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\bdone\s+when\b\s*:?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoneWhen();

    [GeneratedRegex(@"\b(?:by|due(?:\s+(?:by|on|date))?|deadline)\s*:?\s+" + DueDateParser.Expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DueMarker();

    [GeneratedRegex(@"\b(?:by|due(?:\s+(?:by|on|date))?|deadline)\s*:?\s+(?<date>\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmbiguousDate();

    [GeneratedRegex(@"(?:[\s,;]*<@[^>]+>)+[\s,;.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingMentions();

    [GeneratedRegex(@"^(?:(?:to|will|should|please|needs?\s+to|is\s+going\s+to|can)\s+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Filler();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
