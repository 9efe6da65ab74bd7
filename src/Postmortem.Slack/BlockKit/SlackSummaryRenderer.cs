using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;

namespace Postmortem.Slack.BlockKit;

/// <summary>
/// Renders the postmortem summary (title, status, severity, key durations, root cause, action items, links) as ONE
/// message of at most 50 blocks. What does not fit is never dropped silently: an explicit "…and N more, see the
/// document" line points to the uploaded file.
/// </summary>
public static class SlackSummaryRenderer
{
    /// <summary>Sections the summary and root-cause texts may use before pointing to the document.</summary>
    internal const int MaxSectionsPerPart = 4;

    /// <param name="fileName">The Markdown file uploaded with the summary.</param>
    /// <param name="webViewUrl">The document's web view, when the Host knows its public address.</param>
    public static SlackBlockMessage Render(PostmortemDocument document, string fileName, string? webViewUrl)
    {
        var seeDocument = $"see the document `{SlackMrkdwn.Escape(fileName)}`";
        var footer = Footer(fileName, webViewUrl);
        var blocks = new List<JsonObject>();

        var title = $"Postmortem: {document.Title}";
        if (title.Length <= SlackLimits.HeaderText)
        {
            blocks.Add(SlackBlocks.Header(title));
        }
        else
        {
            AddCapped(blocks, $"*{SlackMrkdwn.Escape(title)}*", seeDocument);
        }

        blocks.Add(SlackBlocks.Fields(Facts(document)));
        if (!string.IsNullOrWhiteSpace(document.Summary))
        {
            AddCapped(blocks, SlackMrkdwn.Escape(document.Summary), seeDocument);
        }

        blocks.Add(SlackBlocks.Divider());
        AddCapped(blocks, RootCause(document.RootCause), seeDocument);

        blocks.Add(SlackBlocks.Divider());
        var actions = document.CorrectiveActions;
        blocks.Add(SlackBlocks.Section($"*Action items* ({actions.Count.ToString(CultureInfo.InvariantCulture)})"
            + (actions.Count == 0 ? "\n_None recorded yet._" : string.Empty)));

        // Keep room for the footer and one "…and N more" line.
        var room = SlackLimits.BlocksPerMessage - blocks.Count - footer.Count - 1;
        var shown = 0;
        foreach (var row in actions)
        {
            var rowBlocks = SlackBlocks.Sections(ActionRow(row)).ToList();
            if (rowBlocks.Count > room)
            {
                break;
            }

            blocks.AddRange(rowBlocks);
            room -= rowBlocks.Count;
            shown++;
        }

        if (shown < actions.Count)
        {
            var more = (actions.Count - shown).ToString("N0", CultureInfo.InvariantCulture);
            blocks.Add(SlackBlocks.Context($"…and {more} more action items, {seeDocument}."));
        }

        blocks.AddRange(footer);
        var fallback = $"Postmortem: {SlackMrkdwn.Escape(document.Title)} ({StatusText(document.Status)}, {SeverityText(document.Severity)})";
        return new SlackBlockMessage(SlackMessageRenderer.Fallback(fallback), blocks);
    }

    /// <summary>Adds the text's sections, at most <see cref="MaxSectionsPerPart"/>, then a line pointing to the document.</summary>
    private static void AddCapped(List<JsonObject> blocks, string mrkdwn, string seeDocument)
    {
        var sections = SlackBlocks.Sections(mrkdwn).ToList();
        blocks.AddRange(sections.Take(MaxSectionsPerPart));
        if (sections.Count > MaxSectionsPerPart)
        {
            var more = (sections.Count - MaxSectionsPerPart).ToString(CultureInfo.InvariantCulture);
            blocks.Add(SlackBlocks.Context($"…and {more} more sections of this text, {seeDocument}."));
        }
    }

    private static List<JsonObject> Footer(string fileName, string? webViewUrl)
    {
        var lines = new List<string> { $":page_facing_up: Full document: `{SlackMrkdwn.Escape(fileName)}` (attached in this channel)" };
        if (!string.IsNullOrEmpty(webViewUrl) && Uri.TryCreate(webViewUrl, UriKind.Absolute, out _))
        {
            lines.Add($"<{webViewUrl}|Open the web view>");
        }

        return [SlackBlocks.Divider(), SlackBlocks.Context(string.Join("  ·  ", lines))];
    }

    private static IEnumerable<string> Facts(PostmortemDocument document)
    {
        yield return $"*Status*\n{StatusText(document.Status)}";
        yield return $"*Severity*\n{SeverityText(document.Severity)}";
        yield return $"*Started*\n{When(document.StartedAt)}";
        yield return $"*Resolved*\n{When(document.EndedAt)}";
        yield return $"*Duration*\n{Duration(document.Length)}";
        yield return $"*Time to detect*\n{Duration(document.TimeToDetect)}";
        yield return $"*Time to mitigate*\n{Duration(document.TimeToMitigate)}";
        yield return $"*Time to resolve*\n{Duration(document.TimeToResolve)}";
    }

    private static string RootCause(RootCauseSection rootCause)
    {
        var text = new StringBuilder("*Root cause*\n");
        text.Append(rootCause.PrimaryCause is { Length: > 0 } primary ? SlackMrkdwn.Escape(primary) : "_Not identified yet._");
        AppendList(text, "Triggers", rootCause.Triggers);
        AppendList(text, "Latent conditions", rootCause.LatentConditions);
        AppendList(text, "Contributing factors", rootCause.ContributingFactors);
        AppendList(text, "Detection gaps", rootCause.DetectionGaps);
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string label, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append("\n*").Append(label).Append('*');
        foreach (var item in items)
        {
            text.Append("\n• ").Append(SlackMrkdwn.Escape(item));
        }
    }

    private static string ActionRow(CorrectiveActionRow row)
    {
        var number = row.Number.ToString(CultureInfo.InvariantCulture);
        var due = row.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ticket = row.TicketUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out _) ? $" · <{url}|ticket>" : string.Empty;
        return $"*#{number}* {SlackMrkdwn.Escape(row.Change)}\n"
            + $"Owner: <@{row.OwnerId}> · Due: {due} · Status: {SlackMessageRenderer.StatusText(row.Status)}{ticket}\n"
            + $"Done when: {SlackMrkdwn.Escape(row.DoneWhen)}";
    }

    private static string StatusText(SessionStatus status) => status switch
    {
        SessionStatus.Draft => "Draft",
        SessionStatus.InReview => "In review",
        SessionStatus.Final => "Final",
        _ => status.ToString(),
    };

    private static string SeverityText(Severity severity) => severity switch
    {
        Severity.Sev1 => "SEV1",
        Severity.Sev2 => "SEV2",
        Severity.Sev3 => "SEV3",
        Severity.NearMiss => "Near miss",
        _ => "Unknown",
    };

    private static string When(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    internal static string Duration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return "—";
        }

        if (value < TimeSpan.Zero)
        {
            value = value.Negate();
        }

        var parts = new List<string>();
        if (value.Days > 0)
        {
            parts.Add($"{value.Days.ToString(CultureInfo.InvariantCulture)}d");
        }

        if (value.Hours > 0)
        {
            parts.Add($"{value.Hours.ToString(CultureInfo.InvariantCulture)}h");
        }

        if (value.Minutes > 0 || (parts.Count == 0 && value.Seconds == 0))
        {
            parts.Add($"{value.Minutes.ToString(CultureInfo.InvariantCulture)}m");
        }

        if (parts.Count == 0)
        {
            parts.Add($"{value.Seconds.ToString(CultureInfo.InvariantCulture)}s");
        }

        return string.Join(' ', parts);
    }
}
