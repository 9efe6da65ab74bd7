using Postmortem.Core.Actions;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Chat;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;

namespace Postmortem.Core.Facilitation;

/// <summary>The bot's wording. Openings that the contract fixes are constants so tests and adapters can rely on them.</summary>
internal static class Replies
{
    public const string Usage =
        "Usage:\n" +
        "• `/postmortem start [title] [sev:SEV1|SEV2|SEV3|near-miss] [since:3h|14:05|2026-11-20T14:05Z]` — open a postmortem for this channel\n" +
        "• `/postmortem whys <problem>` — open another 5-Whys chain for a contributing factor\n" +
        "• `/postmortem action <change> @owner by <date> done when <check>` — propose an action item (or reply `action: …` in a thread)\n" +
        "• `/postmortem mark <detected|declared|escalated|mitigated|resolved> [hh:mm]` — set a key moment (UTC)\n" +
        "• `/postmortem note <text>` — add a note to the timeline\n" +
        "• `/postmortem impact <text>` — who and what was affected\n" +
        "• `/postmortem learned <well|poorly|lucky> <text>` — a lesson learned\n" +
        "• `/postmortem prevent <monitoring|process|review> <text>` — a preventive measure or follow-up review\n" +
        "• `/postmortem status` — progress so far\n" +
        "• `/postmortem render` (or `finish`) — post the postmortem document\n" +
        "• `/postmortem help` — this message";

    public static MessageContent Help() => new(Usage, MessagePurpose.Help);

    public static MessageContent Welcome() =>
        new("Hi, I'm Postmortem. When there's an incident here, type `/postmortem start <title>` and I'll collect the timeline, " +
            "walk you through the 5 Whys in a thread and gather owned action items, then write a blameless postmortem. " +
            "`/postmortem help` lists everything.", MessagePurpose.Help);

    /// <summary>
    /// An unknown sub-command: one line that points where the user most likely meant to go, not the whole usage.
    /// <paramref name="closest"/>: a known verb it looks like a typo of; <paramref name="title"/>: the text, when it
    /// reads like the title of a postmortem to start (shown as the command to type).
    /// </summary>
    public static MessageContent Unknown(string verb, string? closest, string? title) =>
        new($"I don't know `{verb}`. " +
            (closest is not null ? $"Did you mean `/postmortem {closest}`? "
                : title is not null ? $"To open a postmortem with that title, type `/postmortem start {title}`. "
                : "") +
            "`/postmortem help` lists every command.",
            MessagePurpose.Help);

    public static MessageContent NoSession() =>
        new("No postmortem is open in this channel yet. Start one with `/postmortem start <title>`.", MessagePurpose.Info);

    public static string WhyQuestion(int level, string subject) =>
        $"Why {level}: why did “{Shorten(subject)}” happen?";

    public static MessageContent WhyPrompt(int chain, int level, string subject, bool first) =>
        new(first
                ? $"{WhyQuestion(level, subject)}\n_5 Whys, chain {chain}: reply in this thread, one answer at a time. Link a graph, a log or a message where you can. Reply `root cause` when you've reached it._"
                : WhyQuestion(level, subject),
            MessagePurpose.WhyPrompt);

    public static MessageContent EvidenceRequest() =>
        new("Is there evidence for that — a link to a graph or log, a file, or a quoted message? Reply with it, or `skip` to go on.",
            MessagePurpose.EvidenceRequest);

    public static MessageContent NoEvidenceFound() =>
        new("Thanks. I found no link, file or quote in that, so this answer is marked “no evidence given” (edit it any time).",
            MessagePurpose.EvidenceRequest);

    public static MessageContent CauseKindQuestion(string conclusion) =>
        new($"Trigger or latent? Was “{Shorten(conclusion)}” the *trigger* (the event that set the incident off) or a *latent* condition (something already true that let it do harm)? Reply `trigger` or `latent`.",
            MessagePurpose.CauseKindQuestion);

    public static MessageContent CauseKindAgain() =>
        new("Trigger or latent? Please reply `trigger` or `latent`.", MessagePurpose.CauseKindQuestion);

    public static MessageContent DetectionGapQuestion() =>
        new("Detection gap: why wasn't this caught sooner, and what would have caught it (an alert, a check, a dashboard)?",
            MessagePurpose.DetectionGapQuestion);

    public static MessageContent ChainClosed(int chain, string conclusion, Whys.CauseKind? kind) =>
        new($"Chain {chain} closed. Root cause: “{Shorten(conclusion)}”{(kind is null ? "" : $" ({kind.ToString()!.ToLowerInvariant()})")}. " +
            "Another contributing factor? `/postmortem whys <problem>`. Fixes: `/postmortem action <change> @owner by <date> done when <check>`.",
            MessagePurpose.ChainClosed);

    public static MessageContent BlamelessCheck(Language.BlameFinding finding) =>
        new($"Blameless check: “{finding.Phrase}” points at a person. Could it say what in the system allowed it? For example: “{finding.Suggestion}”. Your answer is recorded as you wrote it; edit it if you agree.",
            MessagePurpose.BlamelessCheck);

    public static MessageContent ItemRefused(IReadOnlyList<string> problems) =>
        new("Action item not recorded: it needs " + string.Join("; ", problems) +
            ".\nFormat: `<change> @owner by <date> done when <check>`, e.g. `Add an expiry alert for the API cert @sam by Friday done when the alert fires in staging`.",
            MessagePurpose.ActionItemRefused);

    public static MessageContent Item(ActionItem item)
    {
        var status = item.Status switch
        {
            ActionItemStatus.Confirmed => $"✅ confirmed by {Mention.Of(item.DecidedBy ?? item.OwnerId)}",
            ActionItemStatus.Rejected => $"❌ declined by {Mention.Of(item.DecidedBy ?? item.OwnerId)}",
            ActionItemStatus.Done => "done",
            _ => $"proposed — {Mention.Of(item.OwnerId)}, react ✅ to confirm or ❌ to decline",
        };
        var text = $"Action item #{item.Number}: {item.Change}\n" +
                   $"Owner: {Mention.Of(item.OwnerId)} · Due: {HumanDate.Date(item.Due)} · Done when: {item.DoneWhen}\n" +
                   $"Status: {status}";
        return new MessageContent(text, MessagePurpose.ActionItem)
        {
            Item = item,
            Buttons = item.Status == ActionItemStatus.Proposed
                ? [new MessageButton(ButtonIds.ConfirmItem, "Confirm", item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Primary: true),
                   new MessageButton(ButtonIds.DeclineItem, "Decline", item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))]
                : [],
        };
    }

    /// <summary>Shortens a quoted answer for a question line; the full text stays in the record.</summary>
    public static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 140 ? oneLine : string.Concat(oneLine.AsSpan(0, 139).TrimEnd(), "…");
    }
}
