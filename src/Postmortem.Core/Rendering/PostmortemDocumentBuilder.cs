using System.Globalization;
using System.Text;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Rendering;

/// <summary>Builds the neutral document from a session and its timeline. Every value comes from what responders said or confirmed.</summary>
public static class PostmortemDocumentBuilder
{
    /// <summary>
    /// Builds the document. Only messages at or after <see cref="PostmortemSession.Since"/> count, and never the bot's own.
    /// The incident start is the earliest of the detected moment and the first such message: a chat usually starts
    /// because something was already wrong, so the first message is the earliest recorded sign even when nobody said
    /// "detected" until later. Time to detect, mitigate and resolve are measured from that start; the incident ends
    /// at the resolved moment.
    /// </summary>
    public static PostmortemDocument Build(PostmortemSession session, ITimelineView timeline, DateTimeOffset generatedAt)
    {
        var messages = Collected(session, timeline);
        var people = People(session, messages);
        var moments = KeyMomentFinder.Find(session, timeline);

        var detected = At(moments, KeyMoment.Detected);
        var mitigated = At(moments, KeyMoment.Mitigated);
        var resolved = At(moments, KeyMoment.Resolved);
        DateTimeOffset? start = messages.Count > 0 ? messages[0].PostedAt : null;
        if (detected is { } d && (start is null || d < start))
        {
            start = d;
        }

        var responders = Responders(messages, people);
        var items = CorrectiveActions(session, people);
        var transcript = Transcript(messages, people);

        return new PostmortemDocument
        {
            SessionId = session.Id,
            Title = session.Title,
            Status = session.Status,
            ChannelName = session.Channel.Name ?? session.Channel.ChannelId,
            ChannelLink = session.Channel.Link,
            GeneratedAt = generatedAt,
            Summary = Summary(session, detected, mitigated, resolved, responders.Count, transcript.Count, items),
            Severity = session.Severity,
            ImpactScope = Points(session, PointKind.Impact) is { Count: > 0 } impact ? string.Join("; ", impact) : null,
            StartedAt = start,
            EndedAt = resolved,
            Length = Between(start, resolved),
            TimeToDetect = Between(start, detected),
            TimeToMitigate = Between(start, mitigated),
            TimeToResolve = Between(start, resolved),
            KeyMoments = OrderedMoments(moments),
            Timeline = TimelineRows(session, messages, moments, people),
            RootCause = RootCause(session),
            Whys = Whys(session, people),
            CorrectiveActions = items,
            Preventive = new PreventiveMeasures(
                Points(session, PointKind.Monitoring), Points(session, PointKind.Process), Points(session, PointKind.FollowUpReview)),
            Lessons = new LessonsLearned(
                Points(session, PointKind.WentWell), Points(session, PointKind.WentPoorly), Points(session, PointKind.GotLucky)),
            Responders = responders,
            AccuracyConfirmations = session.AccuracyConfirmations
                .Select(c => new AccuracyConfirmation(c.UserId, NameOf(people, c.UserId), c.At))
                .ToList(),
            Transcript = transcript,
            People = people,
        };
    }

    private static List<string> Points(PostmortemSession session, PointKind kind) =>
        session.Points.Where(p => p.Kind == kind).Select(p => p.Text).ToList();

    private static List<TimelineMessage> Collected(PostmortemSession session, ITimelineView timeline)
    {
        var all = timeline.InOrder();
        var collected = new List<TimelineMessage>(all.Count);
        foreach (var message in all)
        {
            if (message.Author.IsSelf || (session.Since is { } since && message.PostedAt < since))
            {
                continue;
            }

            collected.Add(message);
        }

        return collected;
    }

    private static Dictionary<string, string> People(PostmortemSession session, List<TimelineMessage> messages)
    {
        var people = new Dictionary<string, string>(session.People, StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var author = message.Author;
            if (author.DisplayName.Length > 0)
            {
                people.TryAdd(author.Id, author.DisplayName);
            }
        }

        return people;
    }

    private static string NameOf(Dictionary<string, string> people, string userId) =>
        people.TryGetValue(userId, out var name) ? name : userId;

    private static DateTimeOffset? At(IReadOnlyDictionary<KeyMoment, MomentOccurrence> moments, KeyMoment moment) =>
        moments.TryGetValue(moment, out var occurrence) ? occurrence.At : null;

    private static TimeSpan? Between(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } a && to is { } b ? b - a : null;

    private static List<MomentOccurrence> OrderedMoments(IReadOnlyDictionary<KeyMoment, MomentOccurrence> moments)
    {
        var ordered = new List<MomentOccurrence>(moments.Count);
        foreach (var moment in Enum.GetValues<KeyMoment>())
        {
            if (moments.TryGetValue(moment, out var occurrence))
            {
                ordered.Add(occurrence);
            }
        }

        return ordered;
    }

    private static List<TimelineRow> TimelineRows(
        PostmortemSession session,
        List<TimelineMessage> messages,
        IReadOnlyDictionary<KeyMoment, MomentOccurrence> moments,
        Dictionary<string, string> people)
    {
        var byMessage = new Dictionary<string, List<KeyMoment>>(StringComparer.Ordinal);
        var rows = new List<TimelineRow>();
        foreach (var occurrence in OrderedMoments(moments))
        {
            if (occurrence.MessageId is { } id)
            {
                if (!byMessage.TryGetValue(id, out var list))
                {
                    byMessage[id] = list = [];
                }

                list.Add(occurrence.Moment);
            }
            else
            {
                var by = occurrence.ByUserId;
                var text = "Marked as " + DocumentText.Moment(occurrence.Moment);
                rows.Add(new TimelineRow(occurrence.At, text, null, by, by is null ? null : NameOf(people, by), [occurrence.Moment], occurrence.SetByHand, false, false, null));
            }
        }

        foreach (var message in messages)
        {
            var isMoment = byMessage.TryGetValue(message.MessageId, out var momentsHere);
            if (!isMoment && !message.Highlighted)
            {
                continue;
            }

            rows.Add(new TimelineRow(
                message.PostedAt,
                message.Text,
                message.Link,
                message.Author.Id,
                NameOf(people, message.Author.Id),
                momentsHere ?? [],
                SetByHand: false,
                message.Highlighted,
                IsNote: false,
                message.MessageId));
        }

        foreach (var note in session.Notes)
        {
            rows.Add(new TimelineRow(note.At, note.Text, null, note.AuthorId, NameOf(people, note.AuthorId), [], false, false, true, null));
        }

        // Stable: rows at the same time keep the order above (marks, messages, notes).
        return rows.OrderBy(r => r.At).ToList();
    }

    private static List<WhyChain> ChainsInOrder(PostmortemSession session) => session.Chains.OrderBy(c => c.Number).ToList();

    private static RootCauseSection RootCause(PostmortemSession session)
    {
        string? primary = null;
        var triggers = new List<string>();
        var latent = new List<string>();
        var contributing = new List<string>();
        var gaps = new List<string>();
        foreach (var chain in ChainsInOrder(session))
        {
            if (chain.Conclusion is { } conclusion)
            {
                if (primary is null)
                {
                    primary = conclusion.Text;
                }
                else
                {
                    contributing.Add(conclusion.Text);
                }

                if (chain.CauseKind == CauseKind.Trigger)
                {
                    triggers.Add(conclusion.Text);
                }
                else if (chain.CauseKind == CauseKind.Latent)
                {
                    latent.Add(conclusion.Text);
                }
            }

            if (!string.IsNullOrWhiteSpace(chain.DetectionGap))
            {
                gaps.Add(chain.DetectionGap);
            }
        }

        return new RootCauseSection(primary, triggers, latent, contributing, gaps);
    }

    private static List<WhyChainSection> Whys(PostmortemSession session, Dictionary<string, string> people)
    {
        var chains = new List<WhyChainSection>();
        foreach (var chain in ChainsInOrder(session))
        {
            var steps = new List<WhyStep>(chain.Answers.Count);
            foreach (var answer in chain.Answers)
            {
                var evidence = string.IsNullOrWhiteSpace(answer.Evidence) ? null : answer.Evidence;
                steps.Add(new WhyStep(answer.Level, answer.Question, answer.Text, evidence, answer.AuthorId, NameOf(people, answer.AuthorId), answer.AnsweredAt, answer.MessageId));
            }

            var gap = string.IsNullOrWhiteSpace(chain.DetectionGap) ? null : chain.DetectionGap;
            chains.Add(new WhyChainSection(chain.Number, chain.Problem, steps, chain.CauseKind, gap));
        }

        return chains;
    }

    private static List<CorrectiveActionRow> CorrectiveActions(PostmortemSession session, Dictionary<string, string> people) =>
        session.Items
            .OrderBy(i => i.Number)
            .Select(i => new CorrectiveActionRow(i.Number, i.Change, i.OwnerId, NameOf(people, i.OwnerId), i.Due, i.DoneWhen, i.Status, string.IsNullOrWhiteSpace(i.TicketUrl) ? null : i.TicketUrl))
            .ToList();

    private static List<PersonRef> Responders(List<TimelineMessage> messages, Dictionary<string, string> people)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var responders = new List<PersonRef>();
        foreach (var message in messages)
        {
            if (!message.Author.IsBot && seen.Add(message.Author.Id))
            {
                responders.Add(new PersonRef(message.Author.Id, NameOf(people, message.Author.Id)));
            }
        }

        return responders;
    }

    /// <summary>Oldest first; a reply follows its parent (depth 1) when the parent is collected, else stands alone in time order.</summary>
    private static List<TranscriptEntry> Transcript(List<TimelineMessage> messages, Dictionary<string, string> people)
    {
        var topLevel = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!message.IsReply)
            {
                topLevel.Add(message.MessageId);
            }
        }

        var replies = new Dictionary<string, List<TimelineMessage>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.IsReply && topLevel.Contains(message.ThreadId!))
            {
                if (!replies.TryGetValue(message.ThreadId!, out var list))
                {
                    replies[message.ThreadId!] = list = [];
                }

                list.Add(message);
            }
        }

        var entries = new List<TranscriptEntry>(messages.Count);
        foreach (var message in messages)
        {
            if (message.IsReply && topLevel.Contains(message.ThreadId!))
            {
                continue;
            }

            entries.Add(Entry(message, 0, people));
            if (!message.IsReply && replies.TryGetValue(message.MessageId, out var thread))
            {
                foreach (var reply in thread)
                {
                    entries.Add(Entry(reply, 1, people));
                }
            }
        }

        return entries;
    }

    private static TranscriptEntry Entry(TimelineMessage message, int depth, Dictionary<string, string> people) =>
        new(message.MessageId, message.PostedAt, message.Author.Id, NameOf(people, message.Author.Id), message.Text, message.EditedAt is not null, message.Link, depth, message.IsAlert, message.HasFile);

    private static string Summary(
        PostmortemSession session,
        DateTimeOffset? detected,
        DateTimeOffset? mitigated,
        DateTimeOffset? resolved,
        int responders,
        int messages,
        List<CorrectiveActionRow> items)
    {
        var text = new StringBuilder(256);
        text.Append('"').Append(session.Title).Append('"');
        text.Append(DocumentText.Severity(session.Severity) is { } severity
            ? severity == "near miss" ? " was a near miss." : $" was a {severity} incident."
            : " is an incident with no severity recorded.");

        var times = new List<string>(3);
        if (detected is { } d)
        {
            times.Add("detected " + HumanDate.DateTime(d));
        }

        if (mitigated is { } m)
        {
            times.Add("mitigated " + HumanDate.DateTime(m));
        }

        if (resolved is { } r)
        {
            times.Add("resolved " + HumanDate.DateTime(r));
        }

        text.Append(times.Count == 0
            ? " No detected, mitigated or resolved time was recorded."
            : " It was " + string.Join(", ", times) + ".");

        text.Append(CultureInfo.InvariantCulture, $" {Count(responders, "responder", "responders")} posted {Count(messages, "message", "messages")}.");

        var decided = items.Count(i => i.Status is ActionItemStatus.Confirmed or ActionItemStatus.Done);
        text.Append(CultureInfo.InvariantCulture, $" {Count(session.Chains.Count, "chain of 5 Whys", "chains of 5 Whys")} and {Count(items.Count, "corrective action", "corrective actions")} ({decided} confirmed or done) were recorded.");
        return text.ToString();
    }

    private static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
