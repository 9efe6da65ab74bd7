using System.Globalization;
using System.Text;

namespace Postmortem.Core.Rendering;

/// <summary>Renders the document as Markdown following the shared template exactly: fixed sections, "none recorded" where empty.</summary>
public static class MarkdownRenderer
{
    private const string Separator = "   ·   ";
    private const string None = DocumentText.NoneRecorded;

    public static string Render(PostmortemDocument document)
    {
        var text = new StringBuilder(EstimateLength(document));
        var people = document.People;

        text.Append("# Postmortem — ");
        AppendInline(text, document.Title, people);
        text.Append("\n\n");
        text.Append("Status: ").Append(DocumentText.Status(document.Status));
        text.Append(Separator).Append("Channel: ");
        AppendChannel(text, document);
        text.Append(Separator).Append("Generated: ").Append(HumanDate.DateTime(document.GeneratedAt)).Append("\n\n");

        text.Append("## Summary\n");
        AppendInline(text, document.Summary.Length == 0 ? None : document.Summary, people);
        text.Append("\n\n");

        AppendImpactAndTimeline(text, document);
        AppendRootCause(text, document);
        AppendWhys(text, document);
        AppendCorrectiveActions(text, document);
        AppendPreventive(text, document);
        AppendLessons(text, document);
        AppendResponders(text, document);
        AppendTranscript(text, document);
        return text.ToString();
    }

    private static int EstimateLength(PostmortemDocument document)
    {
        long length = 4096;
        foreach (var entry in document.Transcript)
        {
            length += entry.Text.Length + entry.AuthorName.Length + (entry.Link?.Length ?? 0) + 40;
        }

        foreach (var row in document.Timeline)
        {
            length += row.Text.Length + (row.Link?.Length ?? 0) + 80;
        }

        return (int)Math.Min(length, int.MaxValue / 2);
    }

    private static void AppendChannel(StringBuilder text, PostmortemDocument document)
    {
        var name = document.ChannelName.Length == 0 ? None
            : document.ChannelName.StartsWith('#') ? document.ChannelName
            : "#" + document.ChannelName;
        if (document.ChannelLink is { Length: > 0 } link)
        {
            text.Append('[').Append(name).Append("](");
            AppendUrl(text, link);
            text.Append(')');
        }
        else
        {
            text.Append(name);
        }
    }

    private static void AppendImpactAndTimeline(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Impact & Timeline\n");
        text.Append("- Severity: ").Append(DocumentText.Severity(document.Severity) ?? None).Append('\n');
        text.Append("- Impact scope: ");
        AppendInline(text, string.IsNullOrWhiteSpace(document.ImpactScope) ? None : document.ImpactScope, document.People);
        text.Append('\n');

        text.Append("- Duration: ");
        if (document.StartedAt is { } start)
        {
            text.Append(HumanDate.DateTime(start)).Append(" → ");
            if (document.EndedAt is { } end)
            {
                text.Append(HumanDate.DateTime(end));
                if (document.Length is { } length)
                {
                    text.Append(" (").Append(HumanDate.Duration(length)).Append(')');
                }
            }
            else
            {
                // The end is the resolved moment; until someone marks it, say so plainly.
                text.Append("no resolution recorded");
            }
        }
        else
        {
            text.Append(None);
        }

        text.Append('\n');
        text.Append("- Time to detect: ").Append(Span(document.TimeToDetect));
        text.Append(Separator).Append("Time to mitigate: ").Append(Span(document.TimeToMitigate));
        text.Append(Separator).Append("Time to resolve: ").Append(Span(document.TimeToResolve)).Append("\n\n");

        if (document.Timeline.Count == 0)
        {
            text.Append(None).Append("\n\n");
            return;
        }

        var referenceDay = DateOnly.FromDateTime((document.StartedAt ?? document.Timeline[0].At).UtcDateTime);
        text.Append("| Time (UTC) | Event | Owner | Notes |\n");
        text.Append("| --- | --- | --- | --- |\n");
        foreach (var row in document.Timeline)
        {
            text.Append("| ");
            if (DateOnly.FromDateTime(row.At.UtcDateTime) != referenceDay)
            {
                text.Append(HumanDate.Date(row.At)).Append(' ');
            }

            HumanDate.AppendClock(text, row.At);
            text.Append(" | ");
            AppendCell(text, row.Text, document.People);
            if (row.Link is { Length: > 0 } link)
            {
                text.Append(" ([message](");
                AppendUrl(text, link);
                text.Append("))");
            }

            text.Append(" | ");
            AppendCell(text, row.OwnerName ?? None, document.People);
            text.Append(" | ");
            AppendCell(text, RowNotes(row), document.People);
            text.Append(" |\n");
        }

        text.Append('\n');
    }

    private static string RowNotes(TimelineRow row)
    {
        var parts = new List<string>(3);
        if (row.KeyMoments.Count > 0)
        {
            var moments = string.Join(", ", row.KeyMoments.Select(DocumentText.Moment));
            parts.Add("key moment: " + moments + (row.SetByHand ? " (set by hand)" : ""));
        }

        if (row.Highlight)
        {
            parts.Add("highlight");
        }

        if (row.IsNote)
        {
            parts.Add("note");
        }

        return string.Join("; ", parts);
    }

    private static void AppendRootCause(StringBuilder text, PostmortemDocument document)
    {
        var cause = document.RootCause;
        text.Append("## Root Cause Analysis\n");
        AppendListLine(text, "Primary cause", cause.PrimaryCause is null ? [] : [cause.PrimaryCause], document.People);
        AppendListLine(text, "Trigger", cause.Triggers, document.People);
        AppendListLine(text, "Latent conditions", cause.LatentConditions, document.People);
        AppendListLine(text, "Contributing factors", cause.ContributingFactors, document.People);
        AppendListLine(text, "Detection gaps", cause.DetectionGaps, document.People);
        text.Append('\n');
    }

    private static void AppendWhys(StringBuilder text, PostmortemDocument document)
    {
        text.Append("### 5 Whys\n");
        if (document.Whys.Count == 0)
        {
            text.Append(None).Append("\n\n");
            return;
        }

        foreach (var chain in document.Whys)
        {
            text.Append("**Chain ").Append(chain.Number.ToString(CultureInfo.InvariantCulture)).Append(": ");
            AppendInline(text, chain.Problem, document.People);
            text.Append("**");
            if (chain.CauseKind is { } kind)
            {
                text.Append(" — ").Append(DocumentText.CauseKind(kind));
            }

            text.Append("\n\n");
            if (chain.Steps.Count == 0)
            {
                text.Append(None).Append("\n\n");
                continue;
            }

            var number = 1;
            foreach (var step in chain.Steps)
            {
                text.Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ");
                AppendIndented(text, step.Question, "   ", document.People);
                text.Append("\n   - Answer: ");
                AppendIndented(text, step.Answer, "     ", document.People);
                text.Append(" (").Append(step.AuthorName).Append(")\n   - Evidence: ");
                AppendIndented(text, step.Evidence ?? DocumentText.NoEvidence, "     ", document.People);
                text.Append('\n');
                number++;
            }

            text.Append('\n');
        }
    }

    private static void AppendCorrectiveActions(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Corrective Actions\n");
        if (document.CorrectiveActions.Count == 0)
        {
            text.Append(None).Append("\n\n");
            return;
        }

        text.Append("| Action | Owner | Due date | Done when | Status | Ticket |\n");
        text.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var item in document.CorrectiveActions)
        {
            text.Append("| ");
            AppendCell(text, item.Change, document.People);
            text.Append(" | ");
            AppendCell(text, item.OwnerName, document.People);
            text.Append(" | ").Append(HumanDate.Date(item.Due)).Append(" | ");
            AppendCell(text, item.DoneWhen, document.People);
            text.Append(" | ").Append(DocumentText.ActionStatus(item.Status)).Append(" | ");
            if (item.TicketUrl is { Length: > 0 } ticket)
            {
                AppendCell(text, ticket, document.People);
            }
            else
            {
                text.Append(None);
            }

            text.Append(" |\n");
        }

        text.Append('\n');
    }

    private static void AppendPreventive(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Preventive Measures\n");
        AppendListLine(text, "Monitoring updates", document.Preventive.MonitoringUpdates, document.People);
        AppendListLine(text, "Process improvements", document.Preventive.ProcessImprovements, document.People);
        AppendListLine(text, "Follow-up reviews", document.Preventive.FollowUpReviews, document.People);
        text.Append('\n');
    }

    private static void AppendLessons(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Lessons Learned\n");
        AppendListLine(text, "What went well", document.Lessons.WentWell, document.People);
        AppendListLine(text, "What went poorly", document.Lessons.WentPoorly, document.People);
        AppendListLine(text, "Where we got lucky", document.Lessons.GotLucky, document.People);
        text.Append('\n');
    }

    private static void AppendResponders(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Responders & Review\n");
        text.Append("- Responders: ");
        if (document.Responders.Count == 0)
        {
            text.Append(None);
        }
        else
        {
            for (var i = 0; i < document.Responders.Count; i++)
            {
                text.Append(i == 0 ? "" : ", ").Append(document.Responders[i].DisplayName);
            }
        }

        text.Append("\n- Accuracy confirmed by: ");
        if (document.AccuracyConfirmations.Count == 0)
        {
            text.Append(None);
        }
        else
        {
            for (var i = 0; i < document.AccuracyConfirmations.Count; i++)
            {
                var confirmation = document.AccuracyConfirmations[i];
                text.Append(i == 0 ? "" : ", ").Append(confirmation.DisplayName).Append(" on ").Append(HumanDate.DateTime(confirmation.At));
            }
        }

        text.Append("\n\n");
    }

    private static void AppendTranscript(StringBuilder text, PostmortemDocument document)
    {
        text.Append("## Appendix: Transcript\n");
        if (document.Transcript.Count == 0)
        {
            text.Append(None).Append('\n');
            return;
        }

        DateOnly? day = null;
        foreach (var entry in document.Transcript)
        {
            var entryDay = DateOnly.FromDateTime(entry.At.UtcDateTime);
            var indent = entry.Depth > 0 ? "  " : "";
            if (entry.Depth == 0 && entryDay != day)
            {
                text.Append(day is null ? "" : "\n").Append("**").Append(HumanDate.Date(entryDay)).Append("**\n\n");
                day = entryDay;
            }

            text.Append(indent).Append("- ");
            if (entryDay != day)
            {
                text.Append(HumanDate.Date(entryDay)).Append(' ');
            }

            HumanDate.AppendClock(text, entry.At);
            text.Append(" UTC · ").Append(entry.AuthorName).Append(": ");
            AppendIndented(text, entry.Text, indent + "  ", document.People);
            if (entry.Edited)
            {
                text.Append(" _(edited)_");
            }

            if (entry.Link is { Length: > 0 } link)
            {
                text.Append(" ([link](");
                AppendUrl(text, link);
                text.Append("))");
            }

            text.Append('\n');
        }
    }

    private static string Span(TimeSpan? span) => span is { } value ? HumanDate.Duration(value) : None;

    private static void AppendListLine(StringBuilder text, string label, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> people)
    {
        text.Append("- ").Append(label).Append(": ");
        if (values.Count == 0)
        {
            text.Append(None);
        }
        else
        {
            for (var i = 0; i < values.Count; i++)
            {
                text.Append(i == 0 ? "" : "; ");
                AppendIndented(text, values[i], "  ", people);
            }
        }

        text.Append('\n');
    }

    /// <summary>Text on one line: line breaks become spaces.</summary>
    private static void AppendInline(StringBuilder text, string value, IReadOnlyDictionary<string, string> people)
    {
        var resolved = MentionText.Resolve(value, people);
        if (resolved.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            text.Append(resolved);
            return;
        }

        foreach (var c in resolved)
        {
            text.Append(c is '\r' or '\n' ? ' ' : c);
        }
    }

    /// <summary>Text inside a list item: later lines are indented so they stay in the item.</summary>
    private static void AppendIndented(StringBuilder text, string value, string indent, IReadOnlyDictionary<string, string> people)
    {
        var resolved = MentionText.Resolve(value, people);
        var position = 0;
        while (true)
        {
            var newline = resolved.IndexOf('\n', position);
            if (newline < 0)
            {
                AppendWithoutReturns(text, resolved, position, resolved.Length - position);
                return;
            }

            AppendWithoutReturns(text, resolved, position, newline - position);
            text.Append('\n').Append(indent);
            position = newline + 1;
        }
    }

    private static void AppendWithoutReturns(StringBuilder text, string value, int start, int count)
    {
        if (count > 0 && value[start + count - 1] == '\r')
        {
            count--;
        }

        text.Append(value, start, count);
    }

    /// <summary>A table cell: pipes escaped, line breaks as <c>&lt;br&gt;</c>.</summary>
    private static void AppendCell(StringBuilder text, string value, IReadOnlyDictionary<string, string> people)
    {
        var resolved = MentionText.Resolve(value, people);
        if (resolved.AsSpan().IndexOfAny('|', '\r', '\n') < 0)
        {
            text.Append(resolved);
            return;
        }

        for (var i = 0; i < resolved.Length; i++)
        {
            var c = resolved[i];
            switch (c)
            {
                case '|':
                    text.Append("\\|");
                    break;
                case '\r':
                    if (i + 1 < resolved.Length && resolved[i + 1] == '\n')
                    {
                        continue;
                    }

                    text.Append("<br>");
                    break;
                case '\n':
                    text.Append("<br>");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
    }

    private static void AppendUrl(StringBuilder text, string url)
    {
        foreach (var c in url)
        {
            _ = c switch
            {
                ' ' => text.Append("%20"),
                '(' => text.Append("%28"),
                ')' => text.Append("%29"),
                _ => text.Append(c),
            };
        }
    }
}
