using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Language;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Facilitation;

/// <summary>The sub-commands of <c>/postmortem</c> (Slack) and <c>@Postmortem</c> (Teams).</summary>
internal sealed class CommandHandler(TimeProvider time)
{
    public void Handle(ChannelState state, DecisionBuilder decision, CommandInvoked command)
    {
        var text = command.Text.Trim();
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var verb = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();

        // A mention in a thread the bot runs is that thread's next reply unless it reads as a sub-command.
        if (decision.Session is not null && !IsCommand(command, verb, rest)
            && AsThreadReply(state, command, text) is { } reply && ThreadReplies.Handle(decision, reply))
        {
            return;
        }

        switch (verb)
        {
            case "" or "help":
                decision.Ephemeral(command.User.Id, Replies.Help(), command.ThreadId);
                return;
            case "start":
                Start(state, decision, command, rest);
                return;
        }

        if (decision.Session is null)
        {
            decision.Ephemeral(command.User.Id, IsKnown(verb) ? Replies.NoSession() : Unknown(verb, text, offerStart: true), command.ThreadId);
            return;
        }

        switch (verb)
        {
            case "status":
                decision.Ephemeral(command.User.Id, Status(state, decision.OpenSession), command.ThreadId);
                break;
            case "whys" or "why":
                OpenChain(decision, command, rest);
                break;
            case "action":
                ActionItemConversation.Propose(decision, command.User, rest, threadId: null);
                break;
            case "mark":
                Mark(decision, command, rest);
                break;
            case "note":
                Note(decision, command, rest);
                break;
            case "impact" or "learned" or "prevent":
                AddPoint(decision, command, verb, rest);
                break;
            case "render" or "finish":
                Render(state, decision);
                break;
            default:
                decision.Ephemeral(command.User.Id, Unknown(verb, text, offerStart: false), command.ThreadId);
                break;
        }
    }

    /// <summary>
    /// A mention of the bot inside a thread, read as the reply its message is; null for anything else. Its file may be
    /// known from the mention itself or from the message event already collected for it (Slack sends both).
    /// </summary>
    private static MessagePosted? AsThreadReply(ChannelState state, CommandInvoked command, string text) =>
        command is { MessageId: { } messageId, ThreadId: { } threadId } && threadId != messageId
            ? new MessagePosted
            {
                EventId = command.EventId,
                Channel = command.Channel,
                OccurredAt = command.OccurredAt,
                MessageId = messageId,
                ThreadId = threadId,
                Author = command.User,
                Text = text,
                MentionNames = command.MentionNames,
                HasFile = command.HasFile || (state.Timeline.Find(messageId)?.HasFile ?? false),
            }
            : null;

    public void Render(ChannelState state, DecisionBuilder decision)
    {
        var session = decision.OpenSession;
        session = session with
        {
            Renders = session.Renders + 1,
            Status = session.Status == SessionStatus.Draft ? SessionStatus.InReview : session.Status,
        };
        decision.Session = session;

        var generatedAt = time.GetUtcNow();
        var document = PostmortemDocumentBuilder.Build(session, state.Timeline, generatedAt);
        var channelName = Slug(session.Channel.Name ?? session.Channel.ChannelId);
        decision.Add(new PublishPostmortem
        {
            Key = decision.NextKey(),
            Channel = decision.Event.Channel,
            SummaryKey = session.SummaryKey,
            Document = document,
            Markdown = MarkdownRenderer.Render(document),
            FileName = $"postmortem-{channelName}-{generatedAt.UtcDateTime:yyyy-MM-dd}.md",
        });
    }

    /// <summary>The sub-commands that need an open postmortem (the switch in <see cref="Handle"/> serves them).</summary>
    private static readonly string[] SessionVerbs =
        ["status", "whys", "why", "action", "mark", "note", "impact", "learned", "prevent", "render", "finish"];

    /// <summary>Every sub-command, the ones a typo is matched against.</summary>
    private static readonly string[] Verbs = ["help", "start", .. SessionVerbs];

    private static bool IsKnown(string verb) => SessionVerbs.Contains(verb);

    /// <summary>
    /// Whether the text reads as a sub-command rather than as words said to the bot: a known verb, except one that
    /// takes nothing followed by more words (<c>@Postmortem status page was down</c>); or nothing at all (the help),
    /// unless a file came with it (the screenshot asked for as evidence).
    /// </summary>
    private static bool IsCommand(CommandInvoked command, string verb, string rest) =>
        verb.Length == 0
            ? !command.HasFile
            : Verbs.Contains(verb) && !(rest.Length > 0 && verb is "status" or "help" or "render" or "finish");

    /// <summary>Longest text offered back as <c>/postmortem start …</c>: a title, not a pasted paragraph.</summary>
    private const int MaxTitleEcho = 120;

    private static MessageContent Unknown(string verb, string text, bool offerStart)
    {
        string? closest = null;
        var nearest = int.MaxValue;
        for (var i = 0; i < Verbs.Length && verb.Length >= 3; i++)
        {
            var distance = EditDistance(verb, Verbs[i]);
            if (distance <= (Verbs[i].Length <= 4 ? 1 : 2) && distance < nearest)
            {
                (closest, nearest) = (Verbs[i], distance);
            }
        }

        var title = offerStart && text.Length <= MaxTitleEcho && !text.Contains('`') && !text.Contains('\n') ? text : null;
        return Replies.Unknown(verb, closest, title);
    }

    /// <summary>
    /// Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one (optimal
    /// string alignment), for short command words only: three rows on the stack, and no work for words that differ
    /// in length by more than any suggestion allows.
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || b.Length > 32)
        {
            return int.MaxValue;
        }

        Span<int> beforePrevious = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(previous[j - 1] + cost, Math.Min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private static void Start(ChannelState state, DecisionBuilder decision, CommandInvoked command, string arguments)
    {
        if (decision.Session is { } open)
        {
            var already = Status(state, open);
            decision.Ephemeral(command.User.Id, already with { Text = "A postmortem is already open in this channel.\n" + already.Text }, command.ThreadId);
            return;
        }

        var request = StartRequest.Parse(arguments, command.OccurredAt);
        if (request.Error is not null)
        {
            decision.Ephemeral(command.User.Id, new MessageContent(request.Error + "\n" + Replies.Usage, MessagePurpose.Help), command.ThreadId);
            return;
        }

        var channel = command.Channel;
        var id = SessionId(channel, command.EventId);
        var title = request.Title ?? $"Incident in #{channel.Name ?? channel.ChannelId}";
        var chain = new WhyChain { Number = 1, Problem = title, RootKey = $"{id}:chain:1" };
        var people = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.SetItem(command.User.Id, command.User.DisplayName);
        decision.Session = new PostmortemSession
        {
            Id = id,
            Channel = channel,
            Title = title,
            Severity = request.Severity,
            Since = request.Since,
            StartedBy = command.User.Id,
            StartedAt = command.OccurredAt,
            Chains = [chain],
            People = people,
        };

        var collected = state.Timeline.InOrder().Count(m => request.Since is null || m.PostedAt >= request.Since);
        var severity = request.Severity == Severity.Unknown ? "" : $" ({SeverityName(request.Severity)})";
        var since = request.Since is { } s ? $"since {HumanDate.DateTime(s)}" : "since the channel's start";
        decision.Post(new MessageContent(
            $"Postmortem started: *{title}*{severity}, by {Mention.Of(command.User.Id)}.\n" +
            $"I'm collecting the timeline {since} ({Count(collected, "message")} so far) and keep following the channel: messages, thread replies, edits and deletes. React 📌 to highlight a message.\n" +
            "The 5 Whys start in the thread below — one question at a time. Propose fixes with `/postmortem action <change> @owner by <date> done when <check>`; `/postmortem render` posts the document.",
            MessagePurpose.Kickoff), key: $"{id}:kickoff");
        decision.Add(new CollectHistory
        {
            Key = $"{id}:history",
            Channel = channel,
            Since = request.Since,
            ProgressKey = $"{id}:progress",
        });
        decision.Post(Replies.WhyPrompt(chain.Number, 1, title, first: true), key: chain.RootKey);
    }

    private static void OpenChain(DecisionBuilder decision, CommandInvoked command, string problem)
    {
        if (problem.Length == 0)
        {
            decision.Ephemeral(command.User.Id, new MessageContent("Name the problem to ask about: `/postmortem whys <problem>`, e.g. `/postmortem whys the failover took 20 minutes`.", MessagePurpose.Help), command.ThreadId);
            return;
        }

        var session = decision.OpenSession;
        var number = session.Chains.Count + 1;
        var chain = new WhyChain { Number = number, Problem = problem, RootKey = $"{session.Id}:chain:{number}" };
        decision.Session = session with { Chains = session.Chains.Add(chain) };
        decision.Post(Replies.WhyPrompt(number, 1, problem, first: true), key: chain.RootKey);
    }

    private static void Mark(DecisionBuilder decision, CommandInvoked command, string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        KeyMoment? moment = parts.Length == 0 ? null : ParseMoment(parts[0]);
        if (moment is null || parts.Length > 2)
        {
            decision.Ephemeral(command.User.Id, new MessageContent("Usage: `/postmortem mark <detected|declared|escalated|mitigated|resolved> [hh:mm]` (UTC; default now).", MessagePurpose.Help), command.ThreadId);
            return;
        }

        var at = command.OccurredAt;
        if (parts.Length == 2)
        {
            if (WhenParser.ParseClock(parts[1], command.OccurredAt) is not { } clock)
            {
                decision.Ephemeral(command.User.Id, new MessageContent($"I can't read the time `{parts[1]}`: use hh:mm in UTC, e.g. `14:05`.", MessagePurpose.Help), command.ThreadId);
                return;
            }

            at = clock;
        }

        var session = decision.OpenSession;
        decision.Session = session with { Marks = session.Marks.Add(new MomentMark(moment.Value, at, command.User.Id)) };
        decision.Post(new MessageContent($"Marked *{moment.Value.ToString().ToLowerInvariant()}* at {HumanDate.DateTime(at)} ({Mention.Of(command.User.Id)}).", MessagePurpose.Info));
    }

    private static void Note(DecisionBuilder decision, CommandInvoked command, string text)
    {
        if (text.Length == 0)
        {
            decision.Ephemeral(command.User.Id, new MessageContent("Usage: `/postmortem note <text>` adds a line to the timeline.", MessagePurpose.Help), command.ThreadId);
            return;
        }

        var session = decision.OpenSession;
        decision.Session = session with { Notes = session.Notes.Add(new Note(command.OccurredAt, command.User.Id, text)) };
        decision.Ephemeral(command.User.Id, new MessageContent($"Noted on the timeline at {HumanDate.DateTime(command.OccurredAt)}."), command.ThreadId);
    }

    /// <summary><c>impact &lt;text&gt;</c>, <c>learned well|poorly|lucky &lt;text&gt;</c>, <c>prevent monitoring|process|review &lt;text&gt;</c>.</summary>
    private static void AddPoint(DecisionBuilder decision, CommandInvoked command, string verb, string arguments)
    {
        var (kind, text) = PointParser.Parse(verb, arguments);
        if (kind is null || text.Length == 0)
        {
            decision.Ephemeral(command.User.Id, new MessageContent(PointParser.Usage(verb), MessagePurpose.Help), command.ThreadId);
            return;
        }

        var session = decision.OpenSession;
        decision.Session = session with { Points = session.Points.Add(new RecordedPoint(kind.Value, text, command.User.Id, command.OccurredAt)) };
        decision.Ephemeral(command.User.Id, new MessageContent($"Added to {PointParser.SectionName(kind.Value)}: “{Replies.Shorten(text)}”."), command.ThreadId);
        if (BlameDetector.Check(text) is { } blame)
        {
            decision.Ephemeral(command.User.Id, Replies.BlamelessCheck(blame), command.ThreadId);
        }
    }

    private static MessageContent Status(ChannelState state, PostmortemSession session)
    {
        var messages = state.Timeline.InOrder().Count(m => session.Since is null || m.PostedAt >= session.Since);
        var moments = KeyMomentFinder.Find(session, state.Timeline);
        var momentText = string.Join(", ", Enum.GetValues<KeyMoment>().Select(k =>
            $"{k.ToString().ToLowerInvariant()} {(moments.TryGetValue(k, out var m) ? HumanDate.DateTime(m.At) : "—")}"));
        var closed = session.Chains.Count(c => c.Stage == ChainStage.Closed);
        var confirmed = session.Items.Count(i => i.Status == ActionItemStatus.Confirmed);
        var text =
            $"Postmortem *{session.Title}*{(session.Severity == Severity.Unknown ? "" : $" ({SeverityName(session.Severity)})")} — {StatusName(session.Status)}\n" +
            $"• Timeline: {Count(messages, "message")}\n" +
            $"• Key moments: {momentText}\n" +
            $"• 5 Whys: {session.Chains.Count} chain(s), {closed} closed\n" +
            $"• Action items: {session.Items.Count}, {confirmed} confirmed";
        return new MessageContent(text, MessagePurpose.Status);
    }

    private static string Count(int count, string noun) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static KeyMoment? ParseMoment(string word) =>
        Enum.TryParse<KeyMoment>(word, ignoreCase: true, out var moment) && Enum.IsDefined(moment) && !int.TryParse(word, out _) ? moment : null;

    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.NearMiss => "near miss",
        _ => severity.ToString().ToUpperInvariant(),
    };

    private static string StatusName(SessionStatus status) => status switch
    {
        SessionStatus.InReview => "In review",
        _ => status.ToString(),
    };

    private static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return builder.ToString().Trim('-');
    }

    private static string SessionId(ChannelRef channel, string eventId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel.Key}\n{eventId}"));
        return "pm-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
